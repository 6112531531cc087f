//! PIL images (`PIL.Image.Image`) for Ingot-generated crates: the value, its value JSON
//! (`{"image": {"width", "height", "mode", "data": base64}}`, DESIGN.md) and the part of
//! Pillow's API vision pre-processing uses, with Pillow's own integer arithmetic so results
//! are byte-identical: `convert` (ITU-R 601-2 luma with Pillow's fixed-point rounding),
//! `resize` (nearest through Pillow's affine scaler; box/bilinear/hamming/bicubic/lanczos as
//! Pillow's two-pass separable convolution with 22-bit fixed-point coefficients, RGBA through
//! premultiplied alpha), `crop`, `transpose`, `paste`, `Image.new`, `Image.fromarray` and
//! `np.asarray(image)`. The op registry's `pil` family (`registry/ops/pil.ts`) spells calls
//! to the functions here; torchvision's `transforms.functional` on images is built from them.
//!
//! Only the 8-bit modes "L", "RGB" and "RGBA" exist; other modes are a ValueError where an
//! image is read from value JSON, and `convert` to another mode is one at run time.

use crate::{ce, DType, NdArray};
use candle_core::{Device, Tensor};
use ingot_runtime::value::{base64_decode, base64_encode};
use ingot_runtime::{FromValue, IntoValue, PyErr, PyRepr, PyResult, Value};

/// An image: `height` rows of `width` pixels, each `channels(mode)` bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    mode: &'static str,
    width: usize,
    height: usize,
    data: Vec<u8>,
}

fn channels_of(mode: &str) -> Option<usize> {
    match mode {
        "L" => Some(1),
        "RGB" => Some(3),
        "RGBA" => Some(4),
        _ => None,
    }
}

fn mode_name(mode: &str) -> PyResult<&'static str> {
    match mode {
        "L" => Ok("L"),
        "RGB" => Ok("RGB"),
        "RGBA" => Ok("RGBA"),
        _ => Err(PyErr::value_error(format!(
            "unrecognized image mode: {mode} (Ingot supports L, RGB and RGBA)"
        ))),
    }
}

/// Pillow's resampling filters, numbered as `Image.Resampling`.
pub mod resampling {
    pub const NEAREST: i64 = 0;
    pub const LANCZOS: i64 = 1;
    pub const BILINEAR: i64 = 2;
    pub const BICUBIC: i64 = 3;
    pub const BOX: i64 = 4;
    pub const HAMMING: i64 = 5;
}

const PRECISION_BITS: u32 = 32 - 8 - 2;

fn filter_of(id: i64) -> PyResult<(f64, fn(f64) -> f64)> {
    fn bx(x: f64) -> f64 {
        if x > -0.5 && x <= 0.5 {
            1.0
        } else {
            0.0
        }
    }
    fn bilinear(x: f64) -> f64 {
        let x = x.abs();
        if x < 1.0 {
            1.0 - x
        } else {
            0.0
        }
    }
    fn hamming(x: f64) -> f64 {
        let x = x.abs();
        if x == 0.0 {
            1.0
        } else if x >= 1.0 {
            0.0
        } else {
            let x = x * std::f64::consts::PI;
            // Pillow writes the constants as C floats (`0.54f`, `0.46f`).
            x.sin() / x * (0.54f32 as f64 + 0.46f32 as f64 * x.cos())
        }
    }
    fn bicubic(x: f64) -> f64 {
        let a = -0.5;
        let x = x.abs();
        if x < 1.0 {
            ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0
        } else if x < 2.0 {
            (((x - 5.0) * x + 8.0) * x - 4.0) * a
        } else {
            0.0
        }
    }
    fn sinc(x: f64) -> f64 {
        if x == 0.0 {
            1.0
        } else {
            let x = x * std::f64::consts::PI;
            x.sin() / x
        }
    }
    fn lanczos(x: f64) -> f64 {
        if (-3.0..3.0).contains(&x) {
            sinc(x) * sinc(x / 3.0)
        } else {
            0.0
        }
    }
    Ok(match id {
        resampling::BOX => (0.5, bx),
        resampling::BILINEAR => (1.0, bilinear),
        resampling::HAMMING => (1.0, hamming),
        resampling::BICUBIC => (2.0, bicubic),
        resampling::LANCZOS => (3.0, lanczos),
        _ => {
            return Err(PyErr::value_error(format!(
                "Unknown resampling filter ({id}). Use Image.Resampling.NEAREST (0), Image.Resampling.LANCZOS (1), Image.Resampling.BILINEAR (2), Image.Resampling.BICUBIC (3), Image.Resampling.BOX (4) or Image.Resampling.HAMMING (5)"
            )))
        }
    })
}

/// Pillow's `precompute_coeffs` followed by `normalize_coeffs_8bpc`: per output pixel, the
/// first input pixel, the count, and fixed-point weights.
fn coeffs(
    in_size: usize,
    in0: f64,
    in1: f64,
    out_size: usize,
    support0: f64,
    f: fn(f64) -> f64,
) -> (Vec<(usize, usize)>, usize, Vec<i32>) {
    let scale = (in1 - in0) / out_size as f64;
    let filterscale = scale.max(1.0);
    let support = support0 * filterscale;
    let ksize = support.ceil() as usize * 2 + 1;
    let mut bounds = Vec::with_capacity(out_size);
    let mut kk = vec![0i32; out_size * ksize];
    let mut k = vec![0f64; ksize];
    for xx in 0..out_size {
        let center = in0 + (xx as f64 + 0.5) * scale;
        let ss = 1.0 / filterscale;
        let xmin = ((center - support + 0.5) as i64).max(0);
        let xmax = ((center + support + 0.5) as i64).min(in_size as i64) - xmin;
        let xmax = xmax.max(0) as usize;
        let mut ww = 0.0;
        for x in 0..xmax {
            let w = f((x as f64 + xmin as f64 - center + 0.5) * ss);
            k[x] = w;
            ww += w;
        }
        for x in 0..ksize {
            let v = if x < xmax {
                if ww != 0.0 {
                    k[x] / ww
                } else {
                    k[x]
                }
            } else {
                0.0
            };
            let scaled = v * (1i64 << PRECISION_BITS) as f64;
            kk[xx * ksize + x] = if v < 0.0 {
                (-0.5 + scaled) as i32
            } else {
                (0.5 + scaled) as i32
            };
        }
        bounds.push((xmin as usize, xmax));
    }
    (bounds, ksize, kk)
}

fn clip8(v: i32) -> u8 {
    if v >= (1 << PRECISION_BITS << 8) {
        255
    } else if v <= 0 {
        0
    } else {
        (v >> PRECISION_BITS) as u8
    }
}

impl Image {
    /// An image from its raw bytes (`Image.frombytes(mode, (width, height), data)`).
    pub fn from_raw(mode: &str, width: usize, height: usize, data: Vec<u8>) -> PyResult<Image> {
        let mode = mode_name(mode)?;
        let need = width * height * channels_of(mode).unwrap_or(1);
        if data.len() != need {
            return Err(PyErr::value_error(format!(
                "not enough image data: a {width}x{height} {mode} image needs {need} bytes, got {}",
                data.len()
            )));
        }
        Ok(Image {
            mode,
            width,
            height,
            data,
        })
    }

    pub fn channels(&self) -> usize {
        channels_of(self.mode).unwrap_or(1)
    }
    pub fn mode(&self) -> String {
        self.mode.to_string()
    }
    pub fn width(&self) -> i64 {
        self.width as i64
    }
    pub fn height(&self) -> i64 {
        self.height as i64
    }
    pub fn size(&self) -> (i64, i64) {
        (self.width as i64, self.height as i64)
    }
    /// The raw bytes, row-major (`image.tobytes()`).
    pub fn raw(&self) -> &[u8] {
        &self.data
    }

    /// The raw bytes, row-major, without a copy (bindings hand them out as they are).
    pub fn into_raw(self) -> Vec<u8> {
        self.data
    }

    /// `Image.new(mode, (w, h), color)`: `color` is one int per channel, or one int for all
    /// of them ("L" takes its one channel; an int for RGB is Pillow's packed `0xBBGGRR`).
    pub fn new(mode: &str, size: (i64, i64), color: &[i64]) -> PyResult<Image> {
        let mode = mode_name(mode)?;
        let (w, h) = size;
        if w < 0 || h < 0 {
            return Err(PyErr::value_error("Width and height must be >= 0"));
        }
        let n = channels_of(mode).unwrap_or(1);
        let px: Vec<u8> = if color.len() == 1 && n > 1 {
            // Pillow reads an int color for a multi-band mode as packed little-endian bytes.
            let c = color[0] as u32;
            (0..n).map(|i| ((c >> (8 * i)) & 0xff) as u8).collect()
        } else {
            let mut px: Vec<u8> = color.iter().map(|&c| c.clamp(0, 255) as u8).collect();
            // A short tuple leaves the remaining bands 0, except alpha which Pillow sets to 255.
            while px.len() < n {
                px.push(if mode == "RGBA" && px.len() == 3 {
                    255
                } else {
                    0
                });
            }
            px.truncate(n);
            px
        };
        let (w, h) = (w as usize, h as usize);
        let mut data = Vec::with_capacity(w * h * n);
        for _ in 0..w * h {
            data.extend_from_slice(&px);
        }
        Ok(Image {
            mode,
            width: w,
            height: h,
            data,
        })
    }

    /// `Image.new(mode, size, color)` with a tuple color, which Pillow takes of one, three or four ints.
    pub fn new_from_tuple(mode: &str, size: (i64, i64), color: &[i64]) -> PyResult<Image> {
        if !matches!(color.len(), 1 | 3 | 4) {
            return Err(PyErr::type_error(
                "color must be int, or tuple of one, three or four elements",
            ));
        }
        Image::new(mode, size, color)
    }

    /// `image.convert(mode)` among L, RGB and RGBA, with Pillow's arithmetic.
    pub fn convert(&self, mode: &str) -> PyResult<Image> {
        let to = mode_name(mode)?;
        let n = self.channels();
        let pixels = self.width * self.height;
        let mut out = Vec::with_capacity(pixels * channels_of(to).unwrap_or(1));
        for p in 0..pixels {
            let px = &self.data[p * n..p * n + n];
            let (r, g, b, a) = match n {
                1 => (px[0], px[0], px[0], 255),
                3 => (px[0], px[1], px[2], 255),
                _ => (px[0], px[1], px[2], px[3]),
            };
            match to {
                "L" => {
                    if n == 1 {
                        out.push(r)
                    } else {
                        // Pillow's L24: ITU-R 601-2 luma in 16-bit fixed point, rounded.
                        let l =
                            (r as u32 * 19595 + g as u32 * 38470 + b as u32 * 7471 + 0x8000) >> 16;
                        out.push(l as u8)
                    }
                }
                "RGB" => out.extend_from_slice(&[r, g, b]),
                _ => out.extend_from_slice(&[r, g, b, a]),
            }
        }
        Ok(Image {
            mode: to,
            width: self.width,
            height: self.height,
            data: out,
        })
    }

    /// `image.copy()`.
    /// `image.getpixel((x, y))`: the pixel's bands; a negative coordinate counts from the end, as Pillow's
    /// `_getxy` does, and one outside the image is IndexError.
    pub fn getpixel(&self, xy: (i64, i64)) -> PyResult<Vec<i64>> {
        let (w, h) = (self.width as i64, self.height as i64);
        let x = if xy.0 < 0 { xy.0 + w } else { xy.0 };
        let y = if xy.1 < 0 { xy.1 + h } else { xy.1 };
        if x < 0 || x >= w || y < 0 || y >= h {
            return Err(PyErr::index_error("image index out of range"));
        }
        let c = self.channels();
        let at = (y as usize * self.width + x as usize) * c;
        Ok(self.data[at..at + c].iter().map(|&b| b as i64).collect())
    }

    /// `image.getextrema()`: each band's (min, max); an empty image has none.
    pub fn getextrema(&self) -> Vec<(i64, i64)> {
        let c = self.channels();
        (0..c)
            .map(|k| {
                let band = self.data.iter().skip(k).step_by(c);
                let lo = band.clone().copied().min().unwrap_or(0);
                let hi = band.copied().max().unwrap_or(0);
                (lo as i64, hi as i64)
            })
            .collect()
    }

    pub fn copy(&self) -> Image {
        self.clone()
    }

    /// `image.crop((left, upper, right, lower))`: Pillow rounds the box to ints; the part
    /// outside the image is zero.
    pub fn crop(&self, box_: (f64, f64, f64, f64)) -> PyResult<Image> {
        let r = |v: f64| ingot_runtime::float::round_even(v);
        let (x0, y0, x1, y1) = (r(box_.0)?, r(box_.1)?, r(box_.2)?, r(box_.3)?);
        if x1 < x0 {
            return Err(PyErr::value_error("Coordinate 'right' is less than 'left'"));
        }
        if y1 < y0 {
            return Err(PyErr::value_error(
                "Coordinate 'lower' is less than 'upper'",
            ));
        }
        let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
        let n = self.channels();
        let mut data = vec![0u8; w * h * n];
        for y in 0..h {
            let sy = y0 + y as i64;
            if sy < 0 || sy >= self.height as i64 {
                continue;
            }
            for x in 0..w {
                let sx = x0 + x as i64;
                if sx < 0 || sx >= self.width as i64 {
                    continue;
                }
                let s = (sy as usize * self.width + sx as usize) * n;
                data[(y * w + x) * n..(y * w + x) * n + n].copy_from_slice(&self.data[s..s + n]);
            }
        }
        Ok(Image {
            mode: self.mode,
            width: w,
            height: h,
            data,
        })
    }

    /// `ImageOps.contain(image, size, method=BICUBIC)`: resized to the largest size within `size`
    /// that keeps the aspect ratio (Python's rounding), as Pillow computes it.
    pub fn imageops_contain(&self, size: (i64, i64), method: i64) -> PyResult<Image> {
        let (w, h) = (self.width as f64, self.height as f64);
        if self.height == 0 {
            return Image::new(self.mode, (size.0, 0), &[0]);
        }
        if size.1 == 0 {
            return Image::new(self.mode, (0, 0), &[0]);
        }
        let im_ratio = w / h;
        let dest_ratio = size.0 as f64 / size.1 as f64;
        let mut size = size;
        if im_ratio != dest_ratio {
            if im_ratio > dest_ratio {
                let nh = (h / w * size.0 as f64).round_ties_even() as i64;
                if nh != size.1 {
                    size = (size.0, nh);
                }
            } else {
                let nw = (w / h * size.1 as f64).round_ties_even() as i64;
                if nw != size.0 {
                    size = (nw, size.1);
                }
            }
        }
        if size.0.min(size.1) == 0 {
            return Image::new(self.mode, size, &[0]);
        }
        self.resize(size, method)
    }

    /// `ImageOps.pad(image, size, method=BICUBIC, color=None, centering=(0.5, 0.5))`: contained,
    /// then pasted onto a `size` canvas of `color` (None: zeros) at the centering.
    pub fn imageops_pad(
        &self,
        size: (i64, i64),
        method: i64,
        color: &[i64],
        centering: (f64, f64),
    ) -> PyResult<Image> {
        let resized = self.imageops_contain(size, method)?;
        if (resized.width as i64, resized.height as i64) == size {
            return Ok(resized);
        }
        let mut out = Image::new(self.mode, size, color)?;
        if resized.width as i64 != size.0 {
            let x = ((size.0 - resized.width as i64) as f64 * centering.0.clamp(0.0, 1.0).max(0.0))
                .round_ties_even();
            out.paste(&resized, (x as i64, 0))?;
        } else {
            let y = ((size.1 - resized.height as i64) as f64
                * centering.1.clamp(0.0, 1.0).max(0.0))
            .round_ties_even();
            out.paste(&resized, (0, y as i64))?;
        }
        Ok(out)
    }

    /// A 256-entry lookup table applied to every band (ImageOps.invert, solarize, posterize:
    /// Pillow's `_lut`, for L and RGB images; the compiler rejects other modes).
    fn imageops_lut(&self, lut: impl Fn(u8) -> u8) -> Image {
        let table: Vec<u8> = (0..=255u8).map(lut).collect();
        let mut out = self.clone();
        out.data.iter_mut().for_each(|v| *v = table[*v as usize]);
        out
    }

    /// `ImageOps.invert(image)`.
    pub fn imageops_invert(&self) -> Image {
        self.imageops_lut(|v| 255 - v)
    }

    /// `ImageOps.solarize(image, threshold=128)`: values at or above the threshold inverted.
    pub fn imageops_solarize(&self, threshold: i64) -> Image {
        self.imageops_lut(|v| if (v as i64) < threshold { v } else { 255 - v })
    }

    /// `ImageOps.posterize(image, bits)`: the top `bits` bits of each value kept.
    pub fn imageops_posterize(&self, bits: i64) -> PyResult<Image> {
        if !(1..=8).contains(&bits) {
            return Err(PyErr::value_error(
                "bits must be between or equal to 1 and 8",
            ));
        }
        let mask = !((1u32 << (8 - bits)) - 1) as u8;
        Ok(self.imageops_lut(|v| v & mask))
    }

    /// `ImageOps.expand(image, border=(l, t, r, b), fill)`: a border of `fill` around the image.
    pub fn imageops_expand(&self, border: (i64, i64, i64, i64), fill: &[i64]) -> PyResult<Image> {
        let (l, t, r, b) = border;
        let w = l + self.width as i64 + r;
        let h = t + self.height as i64 + b;
        let mut out = Image::new(self.mode, (w, h), fill)?;
        out.paste(self, (l, t))?;
        Ok(out)
    }

    /// `ImageOps.crop(image, border=(l, t, r, b))`: the border removed.
    pub fn imageops_crop(&self, border: (i64, i64, i64, i64)) -> PyResult<Image> {
        let (l, t, r, b) = border;
        self.crop((
            l as f64,
            t as f64,
            (self.width as i64 - r) as f64,
            (self.height as i64 - b) as f64,
        ))
    }

    /// `ImageOps.scale(image, factor, resample=BICUBIC)`: resized by the factor (Python's rounding).
    pub fn imageops_scale(&self, factor: f64, resample: i64) -> PyResult<Image> {
        if factor == 1.0 {
            return Ok(self.clone());
        }
        if factor <= 0.0 || factor.is_nan() {
            if factor.is_nan() {
                return Err(PyErr::value_error("cannot convert float NaN to integer"));
            }
            return Err(PyErr::value_error("the factor must be greater than 0"));
        }
        let w = (factor * self.width as f64).round_ties_even();
        let h = (factor * self.height as f64).round_ties_even();
        if !w.is_finite() || !h.is_finite() {
            return Err(PyErr::overflow_error(
                "cannot convert float infinity to integer",
            ));
        }
        self.resize((w as i64, h as i64), resample)
    }

    /// `image.resize((w, h), resample)`, as Pillow computes it.
    pub fn resize(&self, size: (i64, i64), resample: i64) -> PyResult<Image> {
        let (w, h) = size;
        if w <= 0 || h <= 0 {
            return Err(PyErr::value_error("height and width must be > 0"));
        }
        let (w, h) = (w as usize, h as usize);
        if resample != resampling::NEAREST {
            filter_of(resample)?;
        }
        if (w, h) == (self.width, self.height) {
            return Ok(self.clone());
        }
        if self.mode == "RGBA" && resample != resampling::NEAREST {
            // Pillow resizes RGBA through premultiplied alpha (RGBa) and back.
            let pre = self.premultiply();
            return Ok(pre.resample(w, h, resample)?.unpremultiply());
        }
        self.resample(w, h, resample)
    }

    fn premultiply(&self) -> Image {
        let mut data = self.data.clone();
        for px in data.chunks_mut(4) {
            let a = px[3] as u32;
            for c in &mut px[..3] {
                let t = *c as u32 * a + 128;
                *c = (((t >> 8) + t) >> 8) as u8;
            }
        }
        Image {
            data,
            ..self.clone()
        }
    }

    fn unpremultiply(&self) -> Image {
        let mut data = self.data.clone();
        for px in data.chunks_mut(4) {
            let a = px[3] as u32;
            if a != 255 && a != 0 {
                for c in &mut px[..3] {
                    *c = ((255 * *c as u32) / a).min(255) as u8;
                }
            }
        }
        Image {
            data,
            ..self.clone()
        }
    }

    fn resample(&self, w: usize, h: usize, resample: i64) -> PyResult<Image> {
        let n = self.channels();
        if resample == resampling::NEAREST {
            // Pillow's ImagingScaleAffine: the source coordinate advances by repeated addition.
            let (a0, a4) = (self.width as f64 / w as f64, self.height as f64 / h as f64);
            let coord = |v: f64| if v < 0.0 { -1 } else { v as i64 };
            let mut xs = Vec::with_capacity(w);
            let mut xo = a0 * 0.5;
            for _ in 0..w {
                xs.push(coord(xo).clamp(0, self.width as i64 - 1) as usize);
                xo += a0;
            }
            let mut data = Vec::with_capacity(w * h * n);
            let mut yo = a4 * 0.5;
            for _ in 0..h {
                let sy = coord(yo).clamp(0, self.height as i64 - 1) as usize;
                for &sx in &xs {
                    let s = (sy * self.width + sx) * n;
                    data.extend_from_slice(&self.data[s..s + n]);
                }
                yo += a4;
            }
            return Ok(Image {
                mode: self.mode,
                width: w,
                height: h,
                data,
            });
        }
        self.resample_box(
            w,
            h,
            resample,
            [0.0, 0.0, self.width as f32, self.height as f32],
        )
    }

    /// Pillow's `ImagingResample` of the source region `box` (C floats, as Pillow keeps it).
    fn resample_box(&self, w: usize, h: usize, resample: i64, box_: [f32; 4]) -> PyResult<Image> {
        let (support, f) = filter_of(resample)?;
        let (bh, kh, kkh) = coeffs(self.width, box_[0] as f64, box_[2] as f64, w, support, f);
        let (bv, kv, kkv) = coeffs(self.height, box_[1] as f64, box_[3] as f64, h, support, f);
        let need_h = w != self.width || box_[0] != 0.0 || box_[2] != w as f32;
        let need_v = h != self.height || box_[1] != 0.0 || box_[3] != h as f32;
        // Pillow 13 runs the vertical pass first when the height shrinks by more than twice as
        // many pixels as the width (python-pillow/Pillow#9549); the uint8 rounding between the
        // passes makes the order visible, so it is followed here.
        let vertical_first = need_h
            && need_v
            && h < self.height
            && (self.height - h) as i64 > 2 * (self.width as i64 - w as i64);
        let horizontal = |img: &Image, rows: std::ops::Range<usize>| -> Image {
            let (iw, n) = (img.width, self.channels());
            let mut data = vec![0u8; w * rows.len() * n];
            for (y, sy) in rows.clone().enumerate() {
                let src = &img.data[sy * iw * n..(sy + 1) * iw * n];
                for (xx, &(xmin, xmax)) in bh.iter().enumerate() {
                    let k = &kkh[xx * kh..xx * kh + kh];
                    for c in 0..n {
                        let mut ss: i32 = 1 << (PRECISION_BITS - 1);
                        for x in 0..xmax {
                            ss = ss.wrapping_add(src[(x + xmin) * n + c] as i32 * k[x]);
                        }
                        data[(y * w + xx) * n + c] = clip8(ss);
                    }
                }
            }
            Image {
                mode: self.mode,
                width: w,
                height: rows.len(),
                data,
            }
        };
        let vertical = |img: &Image, bounds: &[(usize, usize)]| -> Image {
            let (cw, n) = (img.width, self.channels());
            let mut data = vec![0u8; cw * h * n];
            for (yy, &(ymin, ymax)) in bounds.iter().enumerate() {
                let k = &kkv[yy * kv..yy * kv + kv];
                for xx in 0..cw {
                    for c in 0..n {
                        let mut ss: i32 = 1 << (PRECISION_BITS - 1);
                        for y in 0..ymax {
                            ss = ss.wrapping_add(
                                img.data[((y + ymin) * cw + xx) * n + c] as i32 * k[y],
                            );
                        }
                        data[(yy * cw + xx) * n + c] = clip8(ss);
                    }
                }
            }
            Image {
                mode: self.mode,
                width: cw,
                height: h,
                data,
            }
        };
        if vertical_first {
            return Ok(horizontal(&vertical(self, &bv), 0..h));
        }
        let mut cur = self.clone();
        let mut bv = bv;
        if need_h {
            // Pillow resamples horizontally only the rows the vertical pass reads.
            let first = bv[0].0;
            let last = bv[h - 1].0 + bv[h - 1].1;
            for b in &mut bv {
                b.0 -= first;
            }
            cur = horizontal(self, first..last);
        }
        if need_v {
            cur = vertical(&cur, &bv);
        }
        Ok(cur)
    }

    /// `image.reduce((fx, fy), box)`: each output pixel the rounded mean of an `fx` x `fy`
    /// block of `box` (x0, y0, x1, y1), the blocks cut by its right and bottom edges averaged
    /// over the pixels they hold, in Pillow's fixed point.
    fn reduce(&self, fx: usize, fy: usize, box_: (usize, usize, usize, usize)) -> Image {
        let (x0, y0) = (box_.0, box_.1);
        let (bw, bh) = (box_.2 - box_.0, box_.3 - box_.1);
        let (ow, oh) = (bw.div_ceil(fx), bh.div_ceil(fy));
        let n = self.channels();
        let mut data = vec![0u8; ow * oh * n];
        for oy in 0..oh {
            let ys = y0 + oy * fy;
            let ye = (ys + fy).min(y0 + bh);
            for ox in 0..ow {
                let xs = x0 + ox * fx;
                let xe = (xs + fx).min(x0 + bw);
                let count = ((ye - ys) * (xe - xs)) as u32;
                // Pillow's `division_UINT32(count, 8)`: 2^32 / (256 * count), computed in float.
                let multiplier = (4294967296.0f32 / (256 * count) as f32) as u64;
                let amend = (count / 2) as u64;
                for c in 0..n {
                    let mut ss: u64 = 0;
                    for y in ys..ye {
                        for x in xs..xe {
                            ss += self.data[(y * self.width + x) * n + c] as u64;
                        }
                    }
                    data[(oy * ow + ox) * n + c] = (((ss + amend) * multiplier) >> 24) as u8;
                }
            }
        }
        Image {
            mode: self.mode,
            width: ow,
            height: oh,
            data,
        }
    }

    /// `image.thumbnail(size, resample=BICUBIC)`: in place, to the largest size within `size`
    /// that keeps the aspect ratio (never larger than the image), through Pillow's
    /// `reducing_gap=2.0`: an integer-factor `reduce` first, then `resize` of the reduced box.
    pub fn thumbnail(&mut self, size: (f64, f64), resample: i64) -> PyResult<()> {
        if resample != resampling::NEAREST {
            filter_of(resample)?;
        }
        let (px, py) = (size.0.floor(), size.1.floor());
        let (w, h) = (self.width as f64, self.height as f64);
        if px >= w && py >= h {
            return Ok(());
        }
        // Pillow divides by both sides (the aspect test, then reducing_gap's factor) before it checks them.
        if px == 0.0 || py == 0.0 {
            return Err(PyErr::zero_division_error("division by zero"));
        }
        if px < 0.0 || py < 0.0 {
            return Err(PyErr::value_error("height and width must be > 0"));
        }
        let aspect = w / h;
        // Pillow's round_aspect: of floor and ceil, the one whose aspect is closer (floor on ties), at least 1.
        let round_aspect = |number: f64, key: &dyn Fn(f64) -> f64| -> f64 {
            let (lo, hi) = (number.floor(), number.ceil());
            (if key(hi) < key(lo) { hi } else { lo }).max(1.0)
        };
        let (x, y) = if px / py >= aspect {
            (round_aspect(py * aspect, &|n| (aspect - n / py).abs()), py)
        } else {
            (
                px,
                round_aspect(px / aspect, &|n| {
                    if n == 0.0 {
                        0.0
                    } else {
                        (aspect - px / n).abs()
                    }
                }),
            )
        };
        let (x, y) = (x as usize, y as usize);
        if (x, y) == (self.width, self.height) {
            return Ok(());
        }
        let rgba = self.mode == "RGBA" && resample != resampling::NEAREST;
        let src = if rgba {
            self.premultiply()
        } else {
            self.clone()
        };
        let out = src.resize_reducing(x, y, resample, 2.0)?;
        *self = if rgba { out.unpremultiply() } else { out };
        Ok(())
    }

    /// `resize(size, resample, reducing_gap=gap)` of Pillow's Python layer (RGBA already premultiplied).
    fn resize_reducing(&self, w: usize, h: usize, resample: i64, gap: f64) -> PyResult<Image> {
        let (iw, ih) = (self.width as f64, self.height as f64);
        if resample == resampling::NEAREST {
            return self.resample(w, h, resample);
        }
        let fx = ((iw / w as f64 / gap) as usize).max(1);
        let fy = ((ih / h as f64 / gap) as usize).max(1);
        if fx == 1 && fy == 1 {
            return self.resample(w, h, resample);
        }
        // Pillow's _get_safe_box: the box widened by the filter's support, in source pixels.
        let support = match resample {
            resampling::BOX => 0.5,
            resampling::BILINEAR | resampling::HAMMING => 1.0,
            resampling::BICUBIC => 2.0,
            _ => 3.0,
        } - 0.5;
        let (sx, sy) = (support * iw / w as f64, support * ih / h as f64);
        let rb = (
            ((0.0 - sx) as i64).max(0) as usize,
            ((0.0 - sy) as i64).max(0) as usize,
            ((iw + sx).ceil() as usize).min(self.width),
            ((ih + sy).ceil() as usize).min(self.height),
        );
        let reduced = self.reduce(fx, fy, rb);
        let (fxf, fyf) = (fx as f64, fy as f64);
        let box_ = [
            ((0.0 - rb.0 as f64) / fxf) as f32,
            ((0.0 - rb.1 as f64) / fyf) as f32,
            ((iw - rb.0 as f64) / fxf) as f32,
            ((ih - rb.1 as f64) / fyf) as f32,
        ];
        reduced.resample_box(w, h, resample, box_)
    }

    /// `image.histogram()`: 256 counts per band, the bands one after the other.
    pub fn histogram(&self) -> Vec<i64> {
        let n = self.channels();
        let mut h = vec![0i64; 256 * n];
        for px in self.data.chunks_exact(n) {
            for (b, &v) in px.iter().enumerate() {
                h[b * 256 + v as usize] += 1;
            }
        }
        h
    }

    /// `image.point(table)`: each band's values through a table of 256 entries per band (or 256
    /// for all of them), rounded half to even and clipped to 0..=255, as Pillow does.
    pub fn point(&self, lut: &[f64]) -> PyResult<Image> {
        let n = self.channels();
        if lut.len() != 256 && lut.len() != 256 * n {
            return Err(PyErr::value_error("wrong number of lut entries"));
        }
        let table: Vec<u8> = lut
            .iter()
            .map(|&v| v.round_ties_even().clamp(0.0, 255.0) as u8)
            .collect();
        let per_band = table.len() > 256;
        let data = self
            .data
            .iter()
            .enumerate()
            .map(|(i, &v)| table[if per_band { (i % n) * 256 } else { 0 } + v as usize])
            .collect();
        Ok(Image {
            mode: self.mode,
            width: self.width,
            height: self.height,
            data,
        })
    }

    /// `image.rotate(angle, expand)` for the angles Pillow turns into a transpose: multiples of
    /// 360 (a copy), 180, and 90 or 270 with `expand` or on a square image. Others resample and are
    /// refused (`None`), as the caller reports.
    pub fn rotate_right_angle(&self, angle: f64, expand: bool) -> Option<Image> {
        let a = angle.rem_euclid(360.0);
        if a == 0.0 {
            return Some(self.clone());
        }
        if a == 180.0 {
            return self.transpose(3).ok();
        }
        if (a == 90.0 || a == 270.0) && (expand || self.width == self.height) {
            return self.transpose(if a == 90.0 { 2 } else { 4 }).ok();
        }
        None
    }

    /// `image.transpose(method)`, `Image.Transpose` numbering: FLIP_LEFT_RIGHT 0,
    /// FLIP_TOP_BOTTOM 1, ROTATE_90 2, ROTATE_180 3, ROTATE_270 4, TRANSPOSE 5, TRANSVERSE 6.
    pub fn transpose(&self, method: i64) -> PyResult<Image> {
        if !(0..=6).contains(&method) {
            return Err(PyErr::value_error(format!(
                "Unknown transpose method {method}: use Image.Transpose.FLIP_LEFT_RIGHT, FLIP_TOP_BOTTOM, ROTATE_90, ROTATE_180, ROTATE_270, TRANSPOSE or TRANSVERSE"
            )));
        }
        let (w, h, n) = (self.width, self.height, self.channels());
        let swap = matches!(method, 2 | 4 | 5 | 6);
        let (ow, oh) = if swap { (h, w) } else { (w, h) };
        let mut data = vec![0u8; self.data.len()];
        for y in 0..oh {
            for x in 0..ow {
                // The source pixel of output (x, y).
                let (sx, sy) = match method {
                    0 => (w - 1 - x, y),
                    1 => (x, h - 1 - y),
                    2 => (w - 1 - y, x),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (y, h - 1 - x),
                    5 => (y, x),
                    _ => (w - 1 - y, h - 1 - x),
                };
                let s = (sy * w + sx) * n;
                data[(y * ow + x) * n..(y * ow + x) * n + n].copy_from_slice(&self.data[s..s + n]);
            }
        }
        Ok(Image {
            mode: self.mode,
            width: ow,
            height: oh,
            data,
        })
    }

    /// `image.paste(other, (x, y))`: writes `other` (converted to this mode) at the offset,
    /// clipped to the image.
    pub fn paste(&mut self, other: &Image, at: (i64, i64)) -> PyResult<()> {
        let src = if other.mode == self.mode {
            other.clone()
        } else {
            other.convert(self.mode)?
        };
        let n = self.channels();
        for y in 0..src.height {
            let dy = at.1 + y as i64;
            if dy < 0 || dy >= self.height as i64 {
                continue;
            }
            for x in 0..src.width {
                let dx = at.0 + x as i64;
                if dx < 0 || dx >= self.width as i64 {
                    continue;
                }
                let d = (dy as usize * self.width + dx as usize) * n;
                let s = (y * src.width + x) * n;
                self.data[d..d + n].copy_from_slice(&src.data[s..s + n]);
            }
        }
        Ok(())
    }

    /// `np.asarray(image)`: HxWxC (HxW for "L") uint8 values, or cast to `dtype`.
    pub fn to_array(&self, dtype: Option<DType>) -> PyResult<NdArray> {
        let shape: Vec<usize> = if self.mode == "L" {
            vec![self.height, self.width]
        } else {
            vec![self.height, self.width, self.channels()]
        };
        match dtype {
            Some(DType::Float32) => {
                let v: Vec<f32> = self.data.iter().map(|&b| b as f32).collect();
                NdArray::from_f32(v, &shape)
            }
            d => {
                let t = Tensor::from_vec(self.data.clone(), shape.as_slice(), &Device::Cpu)
                    .map_err(ce)?;
                NdArray::wrap(
                    t.to_dtype(candle_core::DType::I64).map_err(ce)?,
                    DType::UInt8,
                )
                .astype(d.unwrap_or(DType::UInt8))
            }
        }
    }

    /// `Image.fromarray(a)`: a uint8 HxW array gives "L", HxWx3 "RGB", HxWx4 "RGBA"; other
    /// dtypes are Pillow's TypeError.
    pub fn from_array(a: &NdArray) -> PyResult<Image> {
        let dims = a.dims().to_vec();
        let mode = match dims.as_slice() {
            [_, _] => "L",
            [_, _, 3] => "RGB",
            [_, _, 4] => "RGBA",
            _ => {
                return Err(PyErr::type_error(format!(
                    "Cannot handle this data type: array of shape {} (Ingot makes images from HxW, HxWx3 and HxWx4 uint8 arrays)",
                    crate::shape_str(&dims)
                )))
            }
        };
        if a.dtype() != DType::UInt8 {
            return Err(PyErr::type_error(format!(
                "Cannot handle this data type: {} array (convert it with .astype(np.uint8) first)",
                a.dtype().name()
            )));
        }
        let data: Vec<u8> = match a.flat()? {
            crate::Flat::I(v) => v.into_iter().map(|x| x as u8).collect(),
            crate::Flat::F(v) => v.into_iter().map(|x| x as i64 as u8).collect(),
            crate::Flat::B(v) => v.into_iter().map(u8::from).collect(),
        };
        Image::from_raw(mode, dims[1], dims[0], data)
    }
}

impl IntoValue for Image {
    fn into_value(self) -> Value {
        Value::Dict(vec![(
            "image".to_string(),
            Value::Dict(vec![
                ("width".to_string(), Value::Int(self.width as i64)),
                ("height".to_string(), Value::Int(self.height as i64)),
                ("mode".to_string(), Value::Str(self.mode.to_string())),
                ("data".to_string(), Value::Str(base64_encode(&self.data))),
            ]),
        )])
    }
}

impl FromValue for Image {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        let bad = || {
            PyErr::type_error(format!(
                "{path}: expected an image ({{\"image\": {{\"width\", \"height\", \"mode\", \"data\"}}}}), got {}",
                v.type_name()
            ))
        };
        let Value::Dict(outer) = v else {
            return Err(bad());
        };
        let [(key, Value::Dict(fields))] = outer.as_slice() else {
            return Err(bad());
        };
        if key != "image" {
            return Err(bad());
        }
        let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let dim = |name: &str| match get(name) {
            Some(Value::Int(n)) if *n >= 0 => Ok(*n as usize),
            _ => Err(PyErr::type_error(format!(
                "{path}: the image's \"{name}\" must be an int >= 0"
            ))),
        };
        let (width, height) = (dim("width")?, dim("height")?);
        let Some(Value::Str(mode)) = get("mode") else {
            return Err(PyErr::type_error(format!(
                "{path}: the image's \"mode\" must be a str"
            )));
        };
        let data = match get("data") {
            Some(Value::Str(b)) => base64_decode(b)?,
            Some(Value::Bytes(b)) => b.clone(),
            _ => {
                return Err(PyErr::type_error(format!(
                    "{path}: the image's \"data\" must be base64 text"
                )))
            }
        };
        Image::from_raw(mode, width, height, data)
    }
}

impl PyRepr for Image {
    fn py_repr(&self) -> String {
        format!(
            "<PIL.Image.Image image mode={} size={}x{}>",
            self.mode, self.width, self.height
        )
    }
}

/// Images through the C ABI: raw row-major bytes with width, height and mode, never value JSON.
/// The generated `abi.rs` declares the module's `#[repr(C)]` image struct (its name carries the
/// module's symbol prefix) and passes its fields here.
pub mod image_abi {
    use super::Image;
    use ingot_runtime::abi::{bytes_arg, bytes_out, cstr_arg, CallError};
    use std::ffi::{c_char, CStr};

    /// An image argument from its fields. A wrong mode or a byte count that is not
    /// `width * height * channels` is status 2 (invalid argument), naming the parameter.
    ///
    /// # Safety
    /// `data` must be NULL (with `len` 0) or valid for `len` bytes; `mode` NULL or NUL-terminated.
    pub unsafe fn image_arg(
        data: *const u8,
        len: usize,
        width: u32,
        height: u32,
        mode: *const c_char,
        name: &str,
    ) -> Result<Image, CallError> {
        // SAFETY: the caller's contract covers both pointers.
        let mode = unsafe { cstr_arg(mode, &format!("{name}.mode")) }?;
        let bytes = unsafe { bytes_arg(data, len, name) }?;
        let bad = |e: ingot_runtime::PyErr| {
            CallError::InvalidArgument(format!("argument '{name}': {}", e.msg))
        };
        Image::from_raw(mode, width as usize, height as usize, bytes.to_vec()).map_err(bad)
    }

    /// An image result as the struct's fields `(data, len, width, height, mode)`: the bytes are
    /// handed over without a copy (free them with `bytes_free`), the mode is a static C string.
    pub fn image_out(
        image: Image,
    ) -> Result<(*const u8, usize, u32, u32, *const c_char), CallError> {
        let dim = |n: i64| {
            u32::try_from(n).map_err(|_| {
                CallError::Raised(ingot_runtime::PyErr::overflow_error(format!(
                    "an image dimension of {n} pixels does not fit the C ABI's uint32_t"
                )))
            })
        };
        let (width, height) = (dim(image.width())?, dim(image.height())?);
        let mode: &'static CStr = match image.mode {
            "L" => c"L",
            "RGB" => c"RGB",
            _ => c"RGBA",
        };
        let (data, len) = bytes_out(image.into_raw());
        Ok((data, len, width, height, mode.as_ptr()))
    }
}

/// torchvision's `transforms.functional` on PIL images and image tensors, as torchvision
/// 0.29 computes them (its PIL paths call Pillow, so these call the Pillow functions above).
pub mod torchvision {
    use super::Image;
    use crate::{DType, NdArray};
    use ingot_runtime::{PyErr, PyResult};

    /// `F.resize(img, size, interpolation)`: `size` is `[h, w]`, or one int for the shorter
    /// side (the longer one scaled and truncated, as `_compute_resized_output_size` does).
    pub fn resize(img: &Image, size: &[i64], filter: i64) -> PyResult<Image> {
        let (w, h) = (img.width(), img.height());
        let (new_h, new_w) = match size {
            [s] => {
                let (short, long) = if w <= h { (w, h) } else { (h, w) };
                let new_long = (*s as f64 * long as f64 / short as f64) as i64;
                if w <= h {
                    (new_long, *s)
                } else {
                    (*s, new_long)
                }
            }
            [sh, sw] => (*sh, *sw),
            _ => {
                return Err(PyErr::value_error(format!(
                    "If size is a sequence, it should have 1 or 2 values, got {} values",
                    size.len()
                )))
            }
        };
        if (new_h, new_w) == (h, w) {
            return Ok(img.clone());
        }
        img.resize((new_w, new_h), filter)
    }

    /// `F.center_crop(img, output_size)`: `[h, w]` or one int; an image smaller than the crop
    /// is padded with zeros first, on the left/top by half the difference rounded down.
    pub fn center_crop(img: &Image, size: &[i64]) -> PyResult<Image> {
        let (ch, cw) = match size {
            [s] => (*s, *s),
            [h, w] => (*h, *w),
            _ => {
                return Err(PyErr::value_error(
                    "Please provide only two dimensions (h, w) for size.",
                ))
            }
        };
        let (mut ih, mut iw) = (img.height(), img.width());
        let (mut ox, mut oy) = (0i64, 0i64);
        if cw > iw || ch > ih {
            let pl = if cw > iw { (cw - iw) / 2 } else { 0 };
            let pt = if ch > ih { (ch - ih) / 2 } else { 0 };
            let pr = if cw > iw { (cw - iw + 1) / 2 } else { 0 };
            let pb = if ch > ih { (ch - ih + 1) / 2 } else { 0 };
            ox = -pl;
            oy = -pt;
            iw += pl + pr;
            ih += pt + pb;
        }
        let top = ingot_runtime::float::round_even((ih - ch) as f64 / 2.0)?;
        let left = ingot_runtime::float::round_even((iw - cw) as f64 / 2.0)?;
        let (x0, y0) = (ox + left, oy + top);
        img.crop((x0 as f64, y0 as f64, (x0 + cw) as f64, (y0 + ch) as f64))
    }

    /// `F.to_tensor(pic)`: CxHxW float32 in [0, 1] (each byte divided by 255 in float32).
    pub fn to_tensor(img: &Image) -> PyResult<NdArray> {
        let (c, h, w) = (img.channels(), img.height() as usize, img.width() as usize);
        let mut v = vec![0f32; c * h * w];
        for (p, px) in img.raw().chunks(c).enumerate() {
            for (k, &b) in px.iter().enumerate() {
                v[k * h * w + p] = b as f32 / 255.0f32;
            }
        }
        NdArray::from_f32(v, &[c, h, w])
    }

    /// `F.pil_to_tensor(pic)`: CxHxW uint8 values.
    pub fn pil_to_tensor(img: &Image) -> PyResult<NdArray> {
        let (c, h, w) = (img.channels(), img.height() as usize, img.width() as usize);
        let mut v = vec![0i64; c * h * w];
        for (p, px) in img.raw().chunks(c).enumerate() {
            for (k, &b) in px.iter().enumerate() {
                v[k * h * w + p] = b as i64;
            }
        }
        NdArray::from_i64(v, &[c, h, w])?.astype(crate::DType::UInt8)
    }

    /// `F.normalize(tensor, mean, std)`: `(x - mean[c]) / std[c]` over the channel axis (-3),
    /// in the tensor's float dtype, with torchvision's checks.
    pub fn normalize(t: &NdArray, mean: &[f64], std: &[f64]) -> PyResult<NdArray> {
        if !t.dtype().is_float() {
            return Err(PyErr::type_error(format!(
                "Input tensor should be a float tensor. Got torch.{}.",
                t.dtype().name()
            )));
        }
        let dims = t.dims().to_vec();
        if dims.len() < 3 {
            return Err(PyErr::value_error(format!(
                "Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size({:?})",
                dims
            )));
        }
        let c = dims[dims.len() - 3];
        let plane = dims[dims.len() - 2] * dims[dims.len() - 1];
        let pick = |xs: &[f64], what: &str| -> PyResult<Vec<f64>> {
            match xs.len() {
                1 => Ok(vec![xs[0]; c]),
                n if n == c => Ok(xs.to_vec()),
                n => Err(PyErr::runtime_error(format!(
                    "The size of tensor a ({c}) must match the size of tensor b ({n}) at non-singleton dimension 0 ({what})"
                ))),
            }
        };
        let (m, s) = (pick(mean, "mean")?, pick(std, "std")?);
        let f32s = t.dtype() == DType::Float32;
        if s.iter()
            .any(|&x| if f32s { x as f32 == 0.0 } else { x == 0.0 })
        {
            return Err(PyErr::value_error(format!(
                "std evaluated to zero after conversion to torch.{}, leading to division by zero.",
                t.dtype().name()
            )));
        }
        if f32s {
            let mut v = t.to_f32_vec()?;
            for (i, x) in v.iter_mut().enumerate() {
                let k = (i / plane) % c;
                *x = (*x - m[k] as f32) / s[k] as f32;
            }
            NdArray::from_f32(v, &dims)
        } else {
            let mut v = match t.flat()? {
                crate::Flat::F(v) => v,
                _ => return Err(PyErr::type_error("Input tensor should be a float tensor.")),
            };
            for (i, x) in v.iter_mut().enumerate() {
                let k = (i / plane) % c;
                *x = (*x - m[k]) / s[k];
            }
            NdArray::from_f64(v, &dims, DType::Float64)
        }
    }
}
