//! `uniffi-bindgen generate --library <cdylib> --language python|kotlin|swift --out-dir <dir>`.
fn main() {
    uniffi::uniffi_bindgen_main()
}
