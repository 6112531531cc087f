//! Which device the encoders run on. The CPU is the default, always. A library built with the
//! `cuda` or `metal` feature (`ingot compile --features cuda`) can run its encoder on a GPU
//! when the process sets `INGOT_DEVICE` before the model loads:
//!
//! | `INGOT_DEVICE` | device |
//! |---|---|
//! | unset, `""`, `cpu` | the CPU (fused AVX-512/AVX2 kernels) |
//! | `cuda`, `cuda:N` | CUDA device N (0 by default); needs the `cuda` feature |
//! | `metal`, `metal:N` | Metal device N (0 by default); needs the `metal` feature |
//! | `auto` | CUDA if compiled in and a device is present, else Metal likewise, else the CPU |
//!
//! On a GPU the encoder runs with candle's ops (`forward_portable`), and its output comes
//! back to the CPU, where tokenization, pooling, Dense layers and every torch/numpy op run.

use crate::error::{Error, Result};
use candle_core::Device;

/// The environment variable that picks the device.
pub const DEVICE_ENV: &str = "INGOT_DEVICE";

/// The features this library was built with (`cuda`, `metal`).
pub fn compiled_backends() -> &'static [&'static str] {
    &[
        #[cfg(feature = "cuda")]
        "cuda",
        #[cfg(feature = "metal")]
        "metal",
    ]
}

/// The device `INGOT_DEVICE` names (the CPU when unset).
pub fn select_device() -> Result<Device> {
    parse_device(std::env::var(DEVICE_ENV).unwrap_or_default().trim())
}

/// The device a spec names: `cpu`, `cuda[:N]`, `metal[:N]` or `auto` (see the module doc).
pub fn parse_device(spec: &str) -> Result<Device> {
    let spec = spec.to_ascii_lowercase();
    let (kind, ordinal) = match spec.split_once(':') {
        Some((k, n)) => {
            let n: usize = n.parse().map_err(|_| {
                Error::value(format!(
                    "{DEVICE_ENV}={spec}: the device number must be an integer"
                ))
            })?;
            (k.to_string(), n)
        }
        None => (spec.clone(), 0),
    };
    match kind.as_str() {
        "" | "cpu" => Ok(Device::Cpu),
        "cuda" => cuda(ordinal),
        "metal" => metal(ordinal),
        "auto" => {
            if cfg!(feature = "cuda") && candle_core::utils::cuda_is_available() {
                if let Ok(d) = cuda(0) {
                    return Ok(d);
                }
            }
            if cfg!(feature = "metal") && candle_core::utils::metal_is_available() {
                if let Ok(d) = metal(0) {
                    return Ok(d);
                }
            }
            Ok(Device::Cpu)
        }
        _ => Err(Error::value(format!(
            "{DEVICE_ENV}={spec} is not a device: use cpu, cuda, cuda:N, metal, metal:N or auto"
        ))),
    }
}

fn not_compiled(what: &str) -> Error {
    Error::value(format!(
        "{DEVICE_ENV} asks for {what}, but this library was built without the `{what}` feature \
         (built with: {}); recompile with `ingot compile --features {what}`",
        match compiled_backends() {
            [] => "cpu only".to_string(),
            b => b.join(", "),
        }
    ))
}

#[cfg(feature = "cuda")]
fn cuda(ordinal: usize) -> Result<Device> {
    Device::new_cuda(ordinal).map_err(|e| {
        Error::runtime(format!(
            "{DEVICE_ENV}: cannot open CUDA device {ordinal}: {e}"
        ))
    })
}

#[cfg(not(feature = "cuda"))]
fn cuda(_ordinal: usize) -> Result<Device> {
    Err(not_compiled("cuda"))
}

#[cfg(feature = "metal")]
fn metal(ordinal: usize) -> Result<Device> {
    Device::new_metal(ordinal).map_err(|e| {
        Error::runtime(format!(
            "{DEVICE_ENV}: cannot open Metal device {ordinal}: {e}"
        ))
    })
}

#[cfg(not(feature = "metal"))]
fn metal(_ordinal: usize) -> Result<Device> {
    Err(not_compiled("metal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_is_the_default_and_specs_parse() {
        assert!(parse_device("").unwrap().is_cpu());
        assert!(parse_device("cpu").unwrap().is_cpu());
        assert!(parse_device("CPU").unwrap().is_cpu());
        assert!(parse_device("auto").is_ok());
        let e = parse_device("tpu").unwrap_err();
        assert!(e.msg.contains("not a device"), "{}", e.msg);
        let e = parse_device("cuda:x").unwrap_err();
        assert!(e.msg.contains("integer"), "{}", e.msg);
        #[cfg(not(feature = "cuda"))]
        {
            let e = parse_device("cuda:1").unwrap_err();
            assert!(e.msg.contains("--features cuda"), "{}", e.msg);
        }
        #[cfg(not(feature = "metal"))]
        {
            let e = parse_device("metal").unwrap_err();
            assert!(e.msg.contains("--features metal"), "{}", e.msg);
        }
    }
}
