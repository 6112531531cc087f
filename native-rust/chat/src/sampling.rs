//! Choosing the next token from the last step's logits: the repetition penalty
//! (transformers' rule: a positive logit is divided by the penalty, a negative one
//! multiplied), then greedy argmax, or temperature, top-k, top-p and a draw from a seeded
//! generator (transformers' warper order), with llama.cpp's min-p after top-p. The same seed
//! gives the same tokens.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The sampling half of [`crate::GenerateParams`], validated.
#[derive(Debug, Clone)]
pub struct Sampler {
    /// 0 means greedy.
    temperature: f64,
    top_k: Option<usize>,
    top_p: Option<f64>,
    /// Keep tokens whose probability is at least `min_p` times the largest; None keeps all.
    min_p: Option<f64>,
    repeat_penalty: f32,
    /// How many of the most recent tokens (prompt included) the penalty looks at; None: all.
    repeat_last_n: Option<usize>,
    rng: StdRng,
}

impl Sampler {
    pub fn new(
        temperature: f64,
        top_k: Option<usize>,
        top_p: Option<f64>,
        repeat_penalty: f32,
        repeat_last_n: Option<usize>,
        seed: Option<u64>,
    ) -> Self {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        Sampler {
            temperature,
            top_k: top_k.filter(|&k| k > 0),
            top_p: top_p.filter(|&p| p < 1.0),
            min_p: None,
            repeat_penalty,
            repeat_last_n,
            rng,
        }
    }

    /// The same sampler with min-p filtering (0 or None is off).
    pub fn with_min_p(mut self, min_p: Option<f64>) -> Self {
        self.min_p = min_p.filter(|&p| p > 0.0);
        self
    }

    pub fn is_greedy(&self) -> bool {
        self.temperature <= 0.0
    }

    /// The next token. `history` is every token so far, prompt included.
    pub fn sample(&mut self, logits: &mut [f32], history: &[u32]) -> u32 {
        for l in logits.iter_mut() {
            if l.is_nan() {
                *l = f32::NEG_INFINITY;
            }
        }
        if self.repeat_penalty != 1.0 {
            let window = match self.repeat_last_n {
                Some(n) => &history[history.len().saturating_sub(n)..],
                None => history,
            };
            let mut seen = std::collections::HashSet::new();
            for &t in window {
                if let Some(l) = logits.get_mut(t as usize) {
                    if seen.insert(t) {
                        *l = if *l > 0.0 {
                            *l / self.repeat_penalty
                        } else {
                            *l * self.repeat_penalty
                        };
                    }
                }
            }
        }
        if self.is_greedy() {
            return argmax(logits);
        }
        let inv_t = 1.0 / self.temperature;
        let mut cand: Vec<(u32, f64)> = logits
            .iter()
            .enumerate()
            .map(|(i, &l)| (i as u32, l as f64 * inv_t))
            .collect();
        // Highest first; ties by id, so the order (and the draw) is deterministic.
        cand.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.0.cmp(&b.0))
        });
        if let Some(k) = self.top_k {
            cand.truncate(k.max(1));
        }
        let max = cand[0].1;
        let mut probs: Vec<f64> = cand.iter().map(|c| (c.1 - max).exp()).collect();
        let sum: f64 = probs.iter().sum();
        probs.iter_mut().for_each(|p| *p /= sum);
        if let Some(p) = self.top_p {
            // Keep the smallest head whose mass reaches p (at least one token).
            let mut acc = 0.0;
            let mut keep = probs.len();
            for (i, q) in probs.iter().enumerate() {
                acc += q;
                if acc >= p {
                    keep = i + 1;
                    break;
                }
            }
            probs.truncate(keep);
            cand.truncate(keep);
        }
        if let Some(m) = self.min_p {
            // Probabilities are sorted, so the kept tokens are a head (at least one token).
            let floor = probs[0] * m;
            let keep = probs.iter().take_while(|&&q| q >= floor).count().max(1);
            probs.truncate(keep);
            cand.truncate(keep);
        }
        let total: f64 = probs.iter().sum();
        let mut x = self.rng.random::<f64>() * total;
        for (c, q) in cand.iter().zip(&probs) {
            if x < *q {
                return c.0;
            }
            x -= q;
        }
        cand[cand.len() - 1].0
    }
}

/// The first index of the largest value (torch.argmax's tie rule).
pub fn argmax(logits: &[f32]) -> u32 {
    let mut best = 0usize;
    for (i, &l) in logits.iter().enumerate() {
        if l > logits[best] {
            best = i;
        }
    }
    best as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_first_maximum() {
        let mut s = Sampler::new(0.0, None, None, 1.0, None, None);
        assert_eq!(s.sample(&mut [1.0, 3.0, 3.0, -1.0], &[]), 1);
    }

    #[test]
    fn repeat_penalty_follows_transformers() {
        // 2.0 / 2 = 1.0 < 1.5, so the second token wins once the first was seen.
        let mut s = Sampler::new(0.0, None, None, 2.0, None, None);
        assert_eq!(s.sample(&mut [2.0, 1.5], &[0]), 1);
        // A negative logit is multiplied, so it gets more negative (-2.0 < -1.5), never closer
        // to winning.
        let mut s = Sampler::new(0.0, None, None, 2.0, None, None);
        assert_eq!(s.sample(&mut [-1.0, -1.5], &[0]), 1);
    }

    #[test]
    fn min_p_keeps_only_tokens_near_the_top() {
        // exp(0) : exp(-1) : exp(-5): with min_p 0.2 only the first two are ever drawn.
        let logits = [0.0f32, -1.0, -5.0];
        let mut s = Sampler::new(1.0, None, None, 1.0, None, Some(1)).with_min_p(Some(0.2));
        for _ in 0..200 {
            assert_ne!(s.sample(&mut logits.clone(), &[]), 2);
        }
    }

    #[test]
    fn top_k_one_is_greedy_and_seeds_repeat() {
        let logits = [0.1f32, 0.5, 0.3, 0.2];
        let mut s = Sampler::new(1.0, Some(1), None, 1.0, None, Some(7));
        assert_eq!(s.sample(&mut logits.clone(), &[]), 1);
        let draw = |seed| {
            let mut s = Sampler::new(1.0, None, None, 1.0, None, Some(seed));
            (0..32)
                .map(|_| s.sample(&mut logits.clone(), &[]))
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(3), draw(3));
        assert_ne!(draw(3), draw(4));
    }
}
