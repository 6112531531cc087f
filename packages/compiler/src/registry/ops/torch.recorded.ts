/**
 * Expected outcomes of the torch-only reference tests, recorded from PyTorch by
 * `tools/tensor/record_torch.py` (CI has no torch). Generated; do not edit. Keyed by
 * `recordKey(test)` in torch.ts; each value holds one outcome per sample.
 */
export const RECORDED: Record<string, unknown[]> = {};
