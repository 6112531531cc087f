//! transformers' `GenerationConfig` as a model folder sets it: the defaults `model.generate(...)`
//! starts from before the call's own keywords. Input: the folder's generation_config.json (or,
//! without one, the special-token ids of config.json, as `GenerationConfig.from_model_config`
//! takes them); output: the settings `py::GenerateArgs::for_model` begins with. A field the
//! folder does not set is `None` here and takes transformers' global default there.

/// The generation settings a model folder carries (each `None` when the folder leaves it out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GenerationConfig {
    pub do_sample: Option<bool>,
    pub temperature: Option<f64>,
    pub top_k: Option<i64>,
    pub top_p: Option<f64>,
    pub min_p: Option<f64>,
    pub repetition_penalty: Option<f64>,
    pub max_new_tokens: Option<i64>,
    pub max_length: Option<i64>,
    /// The ids that end generation (an int or a list in the file).
    pub eos_token_id: Vec<u32>,
    pub bos_token_id: Option<u32>,
    pub pad_token_id: Option<u32>,
}

/// Ids from a JSON int or list of ints.
pub(crate) fn ids_of(v: Option<&serde_json::Value>) -> Vec<u32> {
    match v {
        Some(serde_json::Value::Number(n)) => {
            n.as_u64().map(|x| vec![x as u32]).unwrap_or_default()
        }
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_u64())
            .map(|x| x as u32)
            .collect(),
        _ => vec![],
    }
}

impl GenerationConfig {
    /// From the parsed generation_config.json (`gen`, when the folder has one) and config.json.
    /// The special-token ids fall back to config.json's, as transformers fills them from the
    /// model config.
    pub fn from_json(gen: Option<&serde_json::Value>, config: &serde_json::Value) -> Self {
        let null = serde_json::Value::Null;
        let g = gen.unwrap_or(&null);
        let float = |k: &str| g.get(k).and_then(serde_json::Value::as_f64);
        let int = |k: &str| g.get(k).and_then(serde_json::Value::as_i64);
        let id = |k: &str| {
            g.get(k)
                .or_else(|| config.get(k))
                .and_then(serde_json::Value::as_u64)
                .map(|x| x as u32)
        };
        let mut eos_token_id = ids_of(g.get("eos_token_id"));
        if eos_token_id.is_empty() {
            eos_token_id = ids_of(config.get("eos_token_id"));
        }
        GenerationConfig {
            do_sample: g.get("do_sample").and_then(serde_json::Value::as_bool),
            temperature: float("temperature"),
            top_k: int("top_k"),
            top_p: float("top_p"),
            min_p: float("min_p"),
            repetition_penalty: float("repetition_penalty"),
            max_new_tokens: int("max_new_tokens"),
            max_length: int("max_length"),
            eos_token_id,
            bos_token_id: id("bos_token_id"),
            pad_token_id: id("pad_token_id"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn file_values_and_config_fallbacks() {
        let g = GenerationConfig::from_json(
            Some(
                &json!({"do_sample": true, "temperature": 0.6, "top_k": 20, "top_p": 0.95, "eos_token_id": [5, 3]}),
            ),
            &json!({"eos_token_id": 9, "bos_token_id": 1}),
        );
        assert_eq!(g.do_sample, Some(true));
        assert_eq!(g.top_k, Some(20));
        assert_eq!(g.eos_token_id, vec![5, 3]);
        assert_eq!(g.bos_token_id, Some(1));
        let none = GenerationConfig::from_json(None, &json!({"eos_token_id": 9}));
        assert_eq!(none.do_sample, None);
        assert_eq!(none.eos_token_id, vec![9]);
    }
}
