//! ingot-tensor: numpy ndarray and torch.Tensor semantics on candle (placeholder; being written).
