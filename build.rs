//! Compiles `data/catalog.yaml` and `data/facts.yaml` into `$OUT_DIR/{catalog,facts,fold}.rs`
//! through the generator crate (`codegen/`, `nps-mfa-errors-codegen`): any problem in the data
//! stops the build with the file, the record and the field.

use std::env;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=build.rs");
    let package_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    match nps_mfa_errors_codegen::generate(&package_dir, &out_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprintln!("error: invalid knowledge-base data\n{problems}");
            for line in problems.to_string().lines() {
                println!("cargo:warning={line}");
            }
            ExitCode::FAILURE
        }
    }
}
