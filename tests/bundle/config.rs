//! Registry dumps → the configuration audit: clouds, missing values, VERBOSE_LOG, the AuthSrv
//! DLL values; each verdict explains itself and cites its source.

use nps_mfa_errors::scan::{ConfigRecord, Verdict};
use nps_mfa_errors::Cloud;

use super::*;

fn audit(name: &str, bytes: &[u8]) -> (Vec<ConfigRecord>, Vec<String>) {
    let (_dir, path) = write_temp(name, bytes);
    let (records, scan) = scan_file(&path);
    let configs = records
        .into_iter()
        .filter_map(|r| {
            if let Record::Config(c) = r {
                Some(c)
            } else {
                None
            }
        })
        .collect();
    (
        configs,
        scan.errors.iter().map(ToString::to_string).collect(),
    )
}

fn find<'a>(records: &'a [ConfigRecord], setting: &str) -> &'a ConfigRecord {
    records
        .iter()
        .find(|r| r.setting == setting)
        .unwrap_or_else(|| panic!("{setting} in {records:?}"))
}

fn azure_mfa(values: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from("\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\n");
    for (name, value) in values {
        text.push_str(&format!("    {name}    REG_SZ    {value}\n"));
    }
    text.push('\n');
    utf16_crlf(&text)
}

#[test]
fn values_from_two_clouds_are_errors_that_name_both_clouds() {
    let (records, errors) = audit(
        "AfterRegAdd_AzureMFA.txt",
        &utf16_crlf(&member_text("AfterRegAdd_AzureMFA.txt")),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let sts = find(&records, "STS_URL");
    assert_eq!(sts.verdict, Verdict::Error);
    assert_eq!(sts.cloud, Some(Cloud::Government));
    assert!(
        sts.message.contains("Azure Government") && sts.message.contains("Azure public cloud"),
        "{}",
        sts.message
    );
    assert!(sts.source.as_deref().unwrap().contains("section"));
    let host = find(&records, "AZURE_MFA_HOSTNAME");
    assert_eq!(
        (host.verdict, host.cloud),
        (Verdict::Error, Some(Cloud::Public))
    );
}

#[test]
fn verbose_log_left_on_is_a_warning_with_its_source() {
    let (records, _) = audit(
        "AfterRegAdd_AzureMFA.txt",
        &utf16_crlf(&member_text("AfterRegAdd_AzureMFA.txt")),
    );
    let verbose = find(&records, "VERBOSE_LOG");
    assert_eq!(verbose.verdict, Verdict::Warning);
    assert!(verbose.message.contains("Set it back to FALSE"));
    assert!(verbose
        .source
        .as_deref()
        .unwrap()
        .contains("Contact Microsoft support"));
    assert_eq!(find(&records, "REQUIRE_USER_MATCH").verdict, Verdict::Ok);
}

#[test]
fn one_cloud_values_are_ok_and_a_missing_one_is_an_error() {
    let complete = azure_mfa(&[
        (
            "AZURE_MFA_HOSTNAME",
            "strongauthenticationservice.auth.microsoft.us",
        ),
        (
            "AZURE_MFA_RESOURCE_HOSTNAME",
            "adnotifications.windowsazure.us",
        ),
        ("STS_URL", "https://login.microsoftonline.us/"),
    ]);
    let (records, _) = audit("a.txt", &complete);
    assert!(
        records
            .iter()
            .all(|r| r.verdict == Verdict::Ok && r.cloud == Some(Cloud::Government)),
        "{records:?}"
    );
    let partial = azure_mfa(&[(
        "AZURE_MFA_HOSTNAME",
        "strongauthenticationservice.auth.microsoft.cn",
    )]);
    let (records, _) = audit("b.txt", &partial);
    let sts = find(&records, "STS_URL");
    assert_eq!((sts.verdict, sts.value.as_deref()), (Verdict::Error, None));
    assert!(
        sts.message.contains("https://login.chinacloudapi.cn/"),
        "{}",
        sts.message
    );
}

#[test]
fn a_blank_or_wrong_dll_value_means_nps_does_not_load_the_extension() {
    let (records, _) = audit(
        "AfterRegAdd_AuthSrv.txt",
        &utf16_crlf(&member_text("AfterRegAdd_AuthSrv.txt")),
    );
    assert_eq!(find(&records, "AuthorizationDLLs").verdict, Verdict::Ok);
    let blank = find(&records, "ExtensionDLLs");
    assert_eq!(blank.verdict, Verdict::Error);
    assert!(
        blank.message.contains("blank") && blank.message.contains("MfaNpsAuthnExt.dll"),
        "{}",
        blank.message
    );
    assert!(blank
        .source
        .as_deref()
        .unwrap()
        .contains("NPS extension health check script"));
    let wrong = "\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AuthSrv\\Parameters\n    ExtensionDLLs    REG_MULTI_SZ    C:\\Tools\\other.dll\n\n";
    let (records, _) = audit("x.txt", &utf16_crlf(wrong));
    assert_eq!(find(&records, "ExtensionDLLs").verdict, Verdict::Error);
    let missing = find(&records, "AuthorizationDLLs");
    assert_eq!(
        (missing.verdict, missing.value.as_deref()),
        (Verdict::Error, None)
    );
}

#[test]
fn a_reg_export_in_utf16_is_audited_like_a_query_dump() {
    let mut hex = String::new();
    for unit in "C:\\Program Files\\Microsoft\\AzureMfa\\Extensions\\MfaNpsAuthnExt.dll"
        .encode_utf16()
        .chain([0, 0])
    {
        hex.push_str(&format!("{:02x},{:02x},", unit & 0xff, unit >> 8));
    }
    hex.pop();
    let (first, rest) = hex.split_at(75);
    let export = format!("Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AuthSrv\\Parameters]\n\"ExtensionDLLs\"=hex(7):{first}\\\n  {rest}\n\"AuthorizationDLLs\"=hex(7):00,00\n\n");
    let (records, errors) = audit("AuthSrv.reg", &utf16_crlf(&export));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(find(&records, "ExtensionDLLs").verdict, Verdict::Ok);
    assert_eq!(find(&records, "AuthorizationDLLs").verdict, Verdict::Error);
}

#[test]
fn a_dump_cut_mid_line_is_an_error_and_its_other_values_are_audited() {
    let text = member_text("AfterRegAdd_AzureMFA.txt");
    let cut = &text[..text.find("    VERBOSE_LOG").unwrap() + 10];
    let (records, errors) = audit("AfterRegAdd_AzureMFA.txt", &utf16_crlf(cut));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("AfterRegAdd_AzureMFA.txt: registry dump, line 9"),
        "{errors:?}"
    );
    assert!(records.iter().any(|r| r.setting == "STS_URL"));
}

#[test]
fn a_true_false_setting_with_another_value_is_a_warning_and_an_unknown_value_is_not_ok() {
    let dump = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n\
                \x20   VERBOSE_LOG    REG_DWORD    0x1\r\n\
                \x20   REQUIRE_USER_MATCH    REG_SZ    yes\r\n\
                \x20   OVERRIDE_NUMBER_MATCHING_WITH_OTP    REG_SZ    false\r\n\
                \x20   TENANT_ID    REG_SZ    7c1f0a52-4e3b-4d8a-9f26-0b5e8d3c2a17\r\n";
    let records =
        nps_mfa_errors::scan::audit_registry(&nps_mfa_errors::scan::parse_registry(dump).0, None);
    let verdicts: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r.setting.as_str(), r.verdict.as_str()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("VERBOSE_LOG", "warning"),
            ("REQUIRE_USER_MATCH", "warning"),
            ("OVERRIDE_NUMBER_MATCHING_WITH_OTP", "ok"),
            ("TENANT_ID", "unknown"),
        ]
    );
    assert!(
        records[0]
            .message
            .contains("the documented values are the strings TRUE and FALSE"),
        "{}",
        records[0].message
    );
    assert!(
        records[2]
            .message
            .starts_with("OVERRIDE_NUMBER_MATCHING_WITH_OTP = false, a documented value."),
        "{}",
        records[2].message
    );
}

#[test]
fn a_clean_configuration_alone_exits_1_and_a_warning_exits_0() {
    let clean = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n\
                 \x20   REQUIRE_USER_MATCH    REG_SZ    TRUE\r\n\
                 \x20   VERBOSE_LOG    REG_SZ    FALSE\r\n";
    let warned = clean.replace("FALSE", "TRUE");
    for (dump, code) in [(clean.to_owned(), 1), (warned, 0)] {
        let (_dir, path) = write_temp("AzureMfa.txt", dump.as_bytes());
        assert_cmd::Command::cargo_bin("nps-mfa-errors")
            .unwrap()
            .arg("scan")
            .arg(&path)
            .assert()
            .code(code);
    }
}

/// The 2019-11 page set the Azure Government notification host through AZURE_MFA_HOSTNAME; the
/// current page moved it to AZURE_MFA_RESOURCE_HOSTNAME. Such a configuration is called what it
/// is, and the missing key cites the page that documents it.
#[test]
fn a_government_configuration_from_the_2019_page_is_called_outdated_and_cites_the_current_page() {
    let dump = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n\
                \x20   AZURE_MFA_HOSTNAME    REG_SZ    adnotifications.windowsazure.us\r\n\
                \x20   STS_URL    REG_SZ    https://login.microsoftonline.us/\r\n";
    let records =
        nps_mfa_errors::scan::audit_registry(&nps_mfa_errors::scan::parse_registry(dump).0, None);
    let hostname = records
        .iter()
        .find(|r| r.setting == "AZURE_MFA_HOSTNAME")
        .expect("audited");
    assert_eq!(hostname.verdict.as_str(), "warning");
    assert!(
        hostname
            .message
            .contains("now the documented Azure Government value of AZURE_MFA_RESOURCE_HOSTNAME")
            && hostname
                .message
                .contains("Set AZURE_MFA_HOSTNAME = strongauthenticationservice.auth.microsoft.us"),
        "{}",
        hostname.message
    );
    assert!(!hostname.message.contains("typo"), "{}", hostname.message);
    let missing = records
        .iter()
        .find(|r| r.setting == "AZURE_MFA_RESOURCE_HOSTNAME")
        .expect("reported missing");
    assert_eq!(missing.verdict.as_str(), "error");
    let source = missing.source.as_deref().unwrap_or_default();
    assert!(source.contains("(2025-03-04)"), "{source}");
}
