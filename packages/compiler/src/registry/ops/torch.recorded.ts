/**
 * Expected outcomes of the torch-only reference tests, recorded from PyTorch by
 * `tools/tensor/record_torch.py` (torch 2.15.0; CI has no torch). Generated; do not edit.
 * Keyed by `recordKey(test)` in torch.ts; each value holds one outcome per sample.
 */
export const RECORDED: Record<string, unknown[]> = {
  'a: torch.Tensor, b: torch.Tensor -> a / b': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, -1.75, 1.0, 0.0, 1.25, -3.0] } } },
  ],
  'h: torch.Tensor, m: torch.Tensor -> mask = m.unsqueeze(-1).expand(h.size()).float()\nreturn torch.sum(h * mask, 1) / torch.clamp(mask.sum(1), min=1e-9)':
    [{ ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [2.0, 3.0, -1.0, 0.5] } } }],
  't: torch.Tensor -> F.normalize(t, dim=-1)': [
    {
      ok: {
        ndarray: { dtype: 'float32', shape: [3], data: [0.1961161345243454, 0.7844645380973816, -0.588348388671875] },
      },
    },
  ],
  't: torch.Tensor -> F.normalize(t, p=2, dim=1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.24806946516036987, -0.6201736927032471, 0.7442083954811096, 0.5533716082572937, 0.06917145103216171,
            -0.8300573825836182,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [0.0, 0.0, 0.6000000238418579, 0.800000011920929] } } },
  ],
  't: torch.Tensor -> t.argmax(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } }],
  't: torch.Tensor -> t.clamp(min=0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 0.5, 3.0, 0.5, 5.0, 0.5] } } },
  ],
  't: torch.Tensor -> t.expand(4, 3)': [
    {
      error: {
        type: 'RuntimeError',
        message:
          'The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]',
      },
    },
  ],
  't: torch.Tensor -> t.mean(1)': [
    {
      error: {
        type: 'NotImplementedError',
        message:
          'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long',
      },
    },
  ],
  't: torch.Tensor -> t.sum(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [3, -4] } } }],
  't: torch.Tensor -> torch.nn.functional.normalize(t, p=1.0, dim=0)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.20000000298023224, -0.8333333134651184, 0.3333333432674408, 0.800000011920929, 0.1666666716337204,
            -0.6666666865348816,
          ],
        },
      },
    },
  ],
};
