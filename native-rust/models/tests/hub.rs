//! resolve_model_dir over the HF cache layout, and sha256 checks. One test function, because
//! it sets process-wide environment variables.
use ingot_models::{hf_hub_cache, resolve_model_dir, sha256_file, verify_file};

#[test]
fn hub_cache_layout_and_sha256() {
    let root = std::env::temp_dir().join(format!("ingot-hub-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let repo = root.join("hub/models--org--name");
    let snap = repo.join("snapshots/abc123");
    std::fs::create_dir_all(&snap).unwrap();
    std::fs::create_dir_all(repo.join("refs")).unwrap();
    std::fs::write(repo.join("refs/main"), "abc123\n").unwrap();
    std::fs::write(snap.join("config.json"), "{}").unwrap();

    // SAFETY: this test binary has a single test; nothing else reads the environment meanwhile.
    unsafe {
        std::env::remove_var("HF_HUB_CACHE");
        std::env::remove_var("HUGGINGFACE_HUB_CACHE");
        std::env::set_var("HF_HOME", &root);
    }
    assert_eq!(hf_hub_cache(), root.join("hub"));
    assert_eq!(resolve_model_dir("org/name").unwrap(), snap);
    assert_eq!(resolve_model_dir("org/name@abc123").unwrap(), snap);
    // A local directory wins and is returned as is.
    assert_eq!(resolve_model_dir(snap.to_str().unwrap()).unwrap(), snap);
    let e = resolve_model_dir("org/missing").unwrap_err();
    assert!(e.to_string().contains("models--org--missing"), "{e}");
    // HF_HUB_CACHE takes precedence over HF_HOME.
    unsafe { std::env::set_var("HF_HUB_CACHE", root.join("hub")) };
    unsafe { std::env::set_var("HF_HOME", "/nonexistent") };
    assert_eq!(resolve_model_dir("org/name").unwrap(), snap);
    // No refs/main but a single snapshot: use it.
    std::fs::remove_file(repo.join("refs/main")).unwrap();
    assert_eq!(resolve_model_dir("org/name").unwrap(), snap);

    let f = snap.join("config.json");
    let h = sha256_file(&f).unwrap();
    assert_eq!(
        h,
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    ); // sha256("{}")
    verify_file(&f, &h.to_uppercase()).unwrap();
    let bad = "0".repeat(64);
    let e = verify_file(&f, &bad).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("config.json") && msg.contains(&bad) && msg.contains(&h),
        "{msg}"
    );
    let e = verify_file(snap.join("missing.bin"), &bad).unwrap_err();
    assert!(e.to_string().contains("missing.bin"), "{e}");
    std::fs::remove_dir_all(&root).ok();
}
