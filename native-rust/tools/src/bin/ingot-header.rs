//! ingot-header: write the C header of a generated crate with cbindgen.
//!
//!   ingot-header CRATE_DIR OUT_HEADER
//!
//! Uses CRATE_DIR/cbindgen.toml when present; the language is always C and the
//! include guard defaults to INGOT_<CRATE NAME>_H.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The `[package] name` of a Cargo.toml (a tiny reader: enough for our crates).
fn package_name(crate_dir: &Path) -> Result<String, String> {
    let path = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(rest) = line.strip_prefix("name") {
                if let Some(v) = rest.trim_start().strip_prefix('=') {
                    return Ok(v.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    Err(format!("no [package] name in {}", path.display()))
}

fn run(crate_dir: &Path, out: &Path) -> Result<(), String> {
    let name = package_name(crate_dir)?;
    let config_path = crate_dir.join("cbindgen.toml");
    let mut config = if config_path.exists() {
        cbindgen::Config::from_file(&config_path)
            .map_err(|e| format!("{}: {e}", config_path.display()))?
    } else {
        cbindgen::Config::default()
    };
    config.language = cbindgen::Language::C;
    if config.include_guard.is_none() {
        let guard: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
            .collect();
        config.include_guard = Some(format!("INGOT_{guard}_H"));
    }
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_crate(crate_dir)
        .generate()
        .map_err(|e| format!("cbindgen: {e}"))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    bindings.write_to_file(out);
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let [crate_dir, out] = argv.as_slice() else {
        eprintln!("usage: ingot-header CRATE_DIR OUT_HEADER");
        return ExitCode::from(2);
    };
    match run(&PathBuf::from(crate_dir), &PathBuf::from(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ingot-header: {e}");
            ExitCode::FAILURE
        }
    }
}
