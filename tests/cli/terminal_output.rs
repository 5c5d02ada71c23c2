//! Terminal output.

use super::*;

#[test]
fn text_output_has_no_ansi_escapes_when_stdout_is_not_a_terminal() {
    for args in [&["explain", "ESTS_TOKEN_ERROR"][..], &["list"][..]] {
        let stdout = stdout_of(args);
        assert!(
            !stdout.contains("\x1b["),
            "ANSI escape in the output of {args:?}"
        );
    }
}

#[test]
fn clicolor_force_turns_styles_on_when_stdout_is_not_a_terminal() {
    // Shows that the next test would see styles if NO_COLOR were ignored.
    let assert = cli()
        .env("CLICOLOR_FORCE", "1")
        .args(["explain", "ESTS_TOKEN_ERROR"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&assert.get_output().stdout).contains("\x1b["));
}

#[test]
fn no_color_turns_styles_off_even_when_forced() {
    for args in [&["explain", "ESTS_TOKEN_ERROR"][..], &["list"][..]] {
        let assert = cli()
            .env("NO_COLOR", "1")
            .env("CLICOLOR_FORCE", "1")
            .args(args)
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        assert!(
            !stdout.contains("\x1b["),
            "ANSI escape in the output of {args:?} with NO_COLOR=1"
        );
    }
}

#[test]
fn explain_lines_fit_in_80_columns_for_every_code() {
    let mut too_long = Vec::new();
    for code in ErrorCode::all() {
        let stdout = stdout_of(&["explain", code.as_str()]);
        for line in stdout.lines() {
            let width = line.chars().count();
            if width > WIDTH && !is_unbreakable(line) {
                too_long.push(format!("{code}: {width} {line:?}"));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "lines longer than {WIDTH} characters:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn closing_the_output_pipe_early_is_not_an_error() {
    // `nps-mfa-errors export | head` must end quietly: exit 0, nothing on stderr.
    let commands: [&[&str]; 6] = [
        &["explain", "InvalidParameter"],
        &["list"],
        &["export", "--format", "json"],
        &["export", "--format", "yaml"],
        &["export", "--format", "csv"],
        &["export", "--format", "markdown"],
    ];
    let mut failures = Vec::new();
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nps-mfa-errors"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Close the reading end before the tool writes anything.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        if !status.success() || !stderr.is_empty() {
            failures.push(format!("{args:?}: {status}, stderr {stderr:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "writing into a closed pipe failed:\n{}",
        failures.join("\n")
    );
}
