/**
 * Expected outcomes of the torch-only reference tests, recorded from PyTorch by
 * `tools/tensor/record_torch.py` (torch 2.15.0; CI has no torch). Generated; do not edit.
 * Keyed by `recordKey(test)` in torch.ts; each value holds one outcome per sample.
 */
/* eslint-disable no-loss-of-precision -- Python's shortest float reprs; each reads back exactly */
export const RECORDED: Record<string, unknown[]> = {
  ' -> (torch.finfo(torch.float16).eps, torch.finfo(torch.bfloat16).max, torch.finfo(torch.float32).tiny, torch.finfo(torch.float16).bits, torch.finfo(torch.float32).eps, torch.finfo(torch.float64).min)':
    [
      {
        ok: [
          0.0009765625, 3.3895313892515355e38, 1.1754943508222875e-38, 16, 1.1920928955078125e-7,
          -1.7976931348623157e308,
        ],
      },
    ],
  ' -> (torch.iinfo(torch.uint8).max, torch.iinfo(torch.int8).min, torch.iinfo(torch.int16).bits, torch.iinfo(torch.int32).max, torch.iinfo(torch.int64).min)':
    [{ ok: [255, -128, 16, 2147483647, -9223372036854775808] }],
  ' -> torch.full((1, 2), True)': [{ ok: { ndarray: { dtype: 'bool', shape: [1, 2], data: [true, true] } } }],
  'a: float, b: float -> torch.linspace(a, b, steps=4)': [
    { ok: { ndarray: { dtype: 'float32', shape: [4], data: [-1.5, -0.25, 1.0, 2.25] } } },
  ],
  'a: int, b: int, s: int -> torch.arange(a, b, s)': [
    { ok: { ndarray: { dtype: 'int64', shape: [4], data: [0, 3, 6, 9] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [4], data: [10, 7, 4, 1] } } },
    { error: { type: 'RuntimeError', message: 'step must be nonzero' } },
  ],
  'a: torch.Tensor -> torch.einsum("i,i->", a, a)': [{ ok: 6.5 }],
  'a: torch.Tensor -> torch.einsum("ij->ji", a)': [
    { ok: { ndarray: { dtype: 'int64', shape: [3, 2], data: [7, 0, -7, 5, 3, -9] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> (a > 0) & (b < 5)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, true, true, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, true, false, false] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> (a > 0) ^ (b < 5)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, false, false, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, false, true, true] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> (a > 0) | (b < 5)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> F.cosine_similarity(a, b)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [0.24806946516036987, 0.0] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> F.cosine_similarity(a, b, dim=0, eps=0.5)': [{ ok: 1.0 }],
  'a: torch.Tensor, b: torch.Tensor -> F.cosine_similarity(a.unsqueeze(1), b.unsqueeze(0), dim=-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.24806946516036987, -0.6201736927032471, 0.21483443677425385, 0.5533716082572937, 0.06917145103216171,
            -0.11980843544006348,
          ],
        },
      },
    },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a & b': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 1, 0, 0, 0, 0] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a / b': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, -1.75, 1.0, 0.0, 1.25, -3.0] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a ^ b': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [6, -8, 3, 1, 5, -9] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a | b': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 1, 5, -9] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a.bmm(b.transpose(-1, -2))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3, 3],
          data: [
            5.0, 11.0, 17.0, 11.0, 25.0, 39.0, 17.0, 39.0, 61.0, 1.25, -1.0, -4.5, -1.0, 8.0, 36.0, -4.5, 36.0, 162.0,
          ],
        },
      },
    },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a.mm(b.transpose(-1, -2))': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [16.25, -15.25, -15.25, 52.25] } } },
    { error: { type: 'RuntimeError', message: 'mm: self must be a matrix, got 3-D tensor' } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.bmm(a, b.transpose(-1, -2))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3, 3],
          data: [
            5.0, 11.0, 17.0, 11.0, 25.0, 39.0, 17.0, 39.0, 61.0, 1.25, -1.0, -4.5, -1.0, 8.0, 36.0, -4.5, 36.0, 162.0,
          ],
        },
      },
    },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.cat((a, b))': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [0.5, 2.0, -1.5, 1.0, 2.0] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.einsum("bd,cd->bc", a, b)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [16.25, -15.25, -15.25, 52.25] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.einsum("bij,bjk->bik", a, b)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3, 1], data: [1.0, 3.0, 5.0, 0.5, 5.0, 22.5] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.einsum("ij,jk", [a, b])': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 1], data: [5.0, -13.0] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.einsum("ij,jk->ik", a, b)': [
    {
      error: {
        type: 'RuntimeError',
        message: 'einsum(): subscript j has size 2 for operand 1 which does not broadcast with previously seen size 3',
      },
    },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.eq(a, b)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, false, false, false] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.ge(a, b)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, true, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, false, true, false] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.gt(a, b)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, true, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, true, false] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.le(a, b)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, false, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, false, true] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.lt(a, b)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, false, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, true, false, true] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.matmul(a, b)': [
    { error: { type: 'RuntimeError', message: 'mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)' } },
    {
      error: {
        type: 'RuntimeError',
        message: 'Expected size for first two dimensions of batch2 tensor to be: [2, 2] but got: [2, 3].',
      },
    },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.max(a[:, None, :2], b[None, :, :2])': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3, 2],
          data: [1.0, 9.0, 1.0, 2.0, 3.0, 3.0, 4.0, 9.0, 4.0, 2.0, 4.0, 3.0],
        },
      },
    },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 1, 2], data: [7, 2, 2, 5] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.maximum(a, b)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 2.0, 3.0, 4.0, 2.0, -1.5] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 0, 3, 7, 5, 3] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.min(a[:, None, :2], b[None, :, :2])': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3, 2],
          data: [0.5, -2.5, -1.0, -2.5, 1.0, -2.5, 0.5, 0.5, -1.0, 0.5, 3.0, 0.5],
        },
      },
    },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 1, 2], data: [2, -7, 0, 2] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.minimum(a, b)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -2.5, -1.5, 0.5, 0.5, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 0, -9] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.mm(a, b.transpose(-1, -2))': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [16.25, -15.25, -15.25, 52.25] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.ne(a, b)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, true, true, true] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.stack((a, b), dim=-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3, 2],
          data: [1.0, 1.0, -2.5, -2.5, 3.0, 3.0, 4.0, 4.0, 0.5, 0.5, -6.0, -6.0],
        },
      },
    },
    {
      error: {
        type: 'RuntimeError',
        message: 'stack expects each tensor to be equal size, but got [3] at entry 0 and [2, 3] at entry 1',
      },
    },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.stack([a, b])': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2, 3],
          data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0, 1.0, -2.5, 3.0, 4.0, 0.5, -6.0],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 2.0, -1.5, 1.0, 2.0, 3.0] } } },
  ],
  'h: torch.Tensor, m: torch.Tensor -> mask = m.unsqueeze(-1).expand(h.size()).float()\nreturn torch.sum(h * mask, 1) / torch.clamp(mask.sum(1), min=1e-9)':
    [{ ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [2.0, 3.0, -1.0, 0.5] } } }],
  'h: torch.Tensor, m: torch.Tensor -> torch.einsum("bsh,bs->bh", h, m.float())': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [4.0, 6.0, -1.0, 0.5] } } },
  ],
  'ids: torch.Tensor, n: torch.Tensor -> torch.cat([ids, n], dim=-1)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 4], data: [7, -7, 3, 4, 0, 5, -9, 5] } } },
    {
      error: {
        type: 'RuntimeError',
        message:
          'Sizes of tensors must match except in dimension 1. Expected size 2 but got size 1 for tensor number 1 in the list.',
      },
    },
  ],
  'm: torch.Tensor, h: torch.Tensor -> m.to(h)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.0, 0.0, 1.0, 0.0, 0.0] } } },
  ],
  'm: torch.Tensor, h: torch.Tensor -> m.type_as(h)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.0, 0.0, 1.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  'm: torch.Tensor, h: torch.Tensor -> m.unsqueeze(-1).to(h.dtype)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3, 1], data: [1.0, 1.0, 0.0, 1.0, 0.0, 0.0] } } },
  ],
  'm: torch.Tensor, i: torch.Tensor -> torch.scatter(m, 1, i, m)': [
    { ok: { ndarray: { dtype: 'bool', shape: [1, 3], data: [true, false, false] } } },
  ],
  'n: int -> torch.arange(n)': [
    { ok: { ndarray: { dtype: 'int64', shape: [4], data: [0, 1, 2, 3] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [0], data: [] } } },
    { error: { type: 'RuntimeError', message: 'upper bound and lower bound inconsistent with step sign' } },
  ],
  'n: int -> torch.eye(n)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 3], data: [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [0, 0], data: [] } } },
    { error: { type: 'RuntimeError', message: 'n must be greater or equal to 0, got -1' } },
  ],
  'n: int -> torch.eye(n, 2, dtype=torch.long)': [
    { ok: { ndarray: { dtype: 'int64', shape: [3, 2], data: [1, 0, 0, 1, 0, 0] } } },
  ],
  'n: int -> torch.full((2, n), -1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2, 2], data: [-1, -1, -1, -1] } } }],
  'n: int -> torch.linspace(0, 1, n)': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [0.0, 0.25, 0.5, 0.75, 1.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [1], data: [0.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [0], data: [] } } },
    { error: { type: 'RuntimeError', message: 'number of steps must be non-negative' } },
  ],
  'n: int -> torch.ones((n,), dtype=torch.long)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [1, 1] } } }],
  'n: int -> torch.ones(2, n)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 0], data: [] } } },
  ],
  'n: int -> torch.zeros((n,), dtype=torch.long)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 0] } } }],
  'n: int -> torch.zeros(2, n)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 0], data: [] } } },
  ],
  'p: torch.Tensor -> g = torch.Generator()\ng.manual_seed(5)\nreturn torch.multinomial(p, 2, replacement=True, generator=g)':
    [{ ok: { ndarray: { dtype: 'int64', shape: [2, 2], data: [1, 1, 2, 2] } } }],
  'p: torch.Tensor -> torch.manual_seed(0)\nreturn torch.multinomial(p, 3, replacement=True)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 1, 1, 2, 2, 2] } } },
  ],
  'p: torch.Tensor -> torch.multinomial(p, 1)': [
    { error: { type: 'RuntimeError', message: 'probability tensor contains either `inf`, `nan` or element < 0' } },
    { error: { type: 'RuntimeError', message: 'invalid multinomial distribution (sum of probabilities <= 0)' } },
  ],
  'p: torch.Tensor -> torch.multinomial(p, 1).squeeze(1)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } } },
  ],
  'p: torch.Tensor -> torch.multinomial(p, 1, generator=torch.Generator().manual_seed(3))': [
    { ok: { ndarray: { dtype: 'int64', shape: [1], data: [2] } } },
  ],
  'p: torch.Tensor -> torch.multinomial(p, 3)': [
    {
      error: {
        type: 'RuntimeError',
        message: 'cannot sample n_sample > prob_dist.size(-1) samples without replacement',
      },
    },
  ],
  'p: torch.Tensor -> torch.multinomial(p, num_samples=1)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 1], data: [1, 2] } } },
  ],
  'p: torch.Tensor -> torch.softmax(p * 100.0, dim=-1).multinomial(1)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 1], data: [1, 2] } } },
  ],
  'p: torch.Tensor, t: torch.Tensor -> F.binary_cross_entropy(p, t)': [
    { ok: 0.30319324135780334 },
    { error: { type: 'RuntimeError', message: 'all elements of input should be between 0 and 1' } },
  ],
  'p: torch.Tensor, t: torch.Tensor -> F.binary_cross_entropy(p, t, reduction="none")': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [100.0, -0.0] } } },
    {
      error: {
        type: 'ValueError',
        message:
          'Using a target size (torch.Size([3])) that is different to the input size (torch.Size([2, 3])) is deprecated. Please ensure they have the same size.',
      },
    },
  ],
  'p: torch.Tensor, t: torch.Tensor, w: torch.Tensor -> F.binary_cross_entropy(p, t, weight=w, reduction="sum")': [
    { ok: 1.6446611881256104 },
  ],
  't: torch.Tensor -> (i,) = (t.reshape(-1) > 0).nonzero(as_tuple=True)\nreturn i.tolist()': [{ ok: [0, 1] }],
  't: torch.Tensor -> (t / 0).nan_to_num(neginf=-5.0)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            3.4028234663852886e38, -5.0, 3.4028234663852886e38, 3.4028234663852886e38, 3.4028234663852886e38, -5.0,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> (t > 0).nonzero().squeeze(-1)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [4, 2], data: [0, 0, 0, 2, 1, 0, 1, 1] } } },
  ],
  't: torch.Tensor -> (t.bfloat16() * 3 + 100, str((t.bfloat16() + t.char()).dtype), str((t.bfloat16() / 2).dtype), str(t.bfloat16().sum().dtype), t.bfloat16().max(), str(t.bfloat16().dtype))':
    [
      {
        ok: [
          { ndarray: { dtype: 'bfloat16', shape: [2, 3], data: [103.0, 103.0, 100.0, 103.0, 100.0, 100.0] } },
          'torch.bfloat16',
          'torch.bfloat16',
          'torch.bfloat16',
          1.0,
          'torch.bfloat16',
        ],
      },
      {
        ok: [
          { ndarray: { dtype: 'bfloat16', shape: [5], data: [95.0, 1000.0, 210944.0, 100.5, -288.0] } },
          'torch.bfloat16',
          'torch.bfloat16',
          'torch.bfloat16',
          70144.0,
          'torch.bfloat16',
        ],
      },
    ],
  't: torch.Tensor -> (t.byte() * 3 + 100, str((t.byte() + t.char()).dtype), str((t.byte() / 2).dtype), str(t.byte().sum().dtype), t.byte().max(), str(t.byte().dtype))':
    [
      {
        ok: [
          { ndarray: { dtype: 'uint8', shape: [2, 3], data: [103, 103, 100, 103, 100, 100] } },
          'torch.int16',
          'torch.float32',
          'torch.int64',
          1,
          'torch.uint8',
        ],
      },
      {
        ok: [
          { ndarray: { dtype: 'uint8', shape: [5], data: [97, 232, 180, 100, 225] } },
          'torch.int16',
          'torch.float32',
          'torch.int64',
          255,
          'torch.uint8',
        ],
      },
    ],
  't: torch.Tensor -> (t.char() * 3 + 100, str((t.char() + t.char()).dtype), str((t.char() / 2).dtype), str(t.char().sum().dtype), t.char().max(), str(t.char().dtype))':
    [
      {
        ok: [
          { ndarray: { dtype: 'int8', shape: [2, 3], data: [103, 103, 100, 103, 100, 100] } },
          'torch.int8',
          'torch.float32',
          'torch.int64',
          1,
          'torch.int8',
        ],
      },
      {
        ok: [
          { ndarray: { dtype: 'int8', shape: [5], data: [97, -24, -76, 100, -31] } },
          'torch.int8',
          'torch.float32',
          'torch.int64',
          127,
          'torch.int8',
        ],
      },
    ],
  't: torch.Tensor -> (t.chunk(2), t.chunk(3, -1), t.chunk(4, 1))': [
    {
      ok: [
        [
          { ndarray: { dtype: 'float32', shape: [1, 3], data: [1.0, -2.5, 3.0] } },
          { ndarray: { dtype: 'float32', shape: [1, 3], data: [4.0, 0.5, -6.0] } },
        ],
        [
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [1.0, 4.0] } },
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [-2.5, 0.5] } },
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [3.0, -6.0] } },
        ],
        [
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [1.0, 4.0] } },
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [-2.5, 0.5] } },
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [3.0, -6.0] } },
        ],
      ],
    },
  ],
  't: torch.Tensor -> (t.count_nonzero(), t.count_nonzero(0).tolist())': [{ ok: [5, [1, 2, 2]] }],
  't: torch.Tensor -> (t.flip(0, -1), t.flip((1,)), t.flip([0, 1]))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-6.0, 0.5, 4.0, 3.0, -2.5, 1.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.0, -2.5, 1.0, -6.0, 0.5, 4.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-6.0, 0.5, 4.0, 3.0, -2.5, 1.0] } },
      ],
    },
  ],
  't: torch.Tensor -> (t.half() * 3 + 100, str((t.half() + t.char()).dtype), str((t.half() / 2).dtype), str(t.half().sum().dtype), t.half().max(), str(t.half().dtype))':
    [
      {
        ok: [
          { ndarray: { dtype: 'float16', shape: [2, 3], data: [103.0, 103.0, 100.0, 103.0, 100.0, 100.0] } },
          'torch.float16',
          'torch.float16',
          'torch.float16',
          1.0,
          'torch.float16',
        ],
      },
      {
        ok: [
          { ndarray: { dtype: 'float16', shape: [5], data: [94.875, 1001.5, { float: 'inf' }, 100.3125, -287.0] } },
          'torch.float16',
          'torch.float16',
          'torch.float16',
          { float: 'inf' },
          'torch.float16',
        ],
      },
    ],
  't: torch.Tensor -> (t.int() * 3 + 100, str((t.int() + t.char()).dtype), str((t.int() / 2).dtype), str(t.int().sum().dtype), t.int().max(), str(t.int().dtype))':
    [
      {
        ok: [
          { ndarray: { dtype: 'int32', shape: [2, 3], data: [103, 103, 100, 103, 100, 100] } },
          'torch.int32',
          'torch.float32',
          'torch.int64',
          1,
          'torch.int32',
        ],
      },
      {
        ok: [
          { ndarray: { dtype: 'int32', shape: [5], data: [97, 1000, 210100, 100, -287] } },
          'torch.int32',
          'torch.float32',
          'torch.int64',
          70000,
          'torch.int32',
        ],
      },
    ],
  't: torch.Tensor -> (t.narrow(0, 1, 1), t.narrow(-1, -2, 2), t.narrow(1, 0, 0))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [1, 3], data: [4.0, 0.5, -6.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 2], data: [-2.5, 3.0, 0.5, -6.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 0], data: [] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [1, 3], data: [0, 5, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 2], data: [-7, 3, 5, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 0], data: [] } },
      ],
    },
  ],
  't: torch.Tensor -> (t.repeat(2, 1), t.repeat((1, 2)), t.repeat(2, 1, 1))': [
    {
      ok: [
        {
          ndarray: {
            dtype: 'float32',
            shape: [4, 3],
            data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0, 1.0, -2.5, 3.0, 4.0, 0.5, -6.0],
          },
        },
        {
          ndarray: {
            dtype: 'float32',
            shape: [2, 6],
            data: [1.0, -2.5, 3.0, 1.0, -2.5, 3.0, 4.0, 0.5, -6.0, 4.0, 0.5, -6.0],
          },
        },
        {
          ndarray: {
            dtype: 'float32',
            shape: [2, 2, 3],
            data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0, 1.0, -2.5, 3.0, 4.0, 0.5, -6.0],
          },
        },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [4, 3], data: [7, -7, 3, 0, 5, -9, 7, -7, 3, 0, 5, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 6], data: [7, -7, 3, 7, -7, 3, 0, 5, -9, 0, 5, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 2, 3], data: [7, -7, 3, 0, 5, -9, 7, -7, 3, 0, 5, -9] } },
      ],
    },
  ],
  't: torch.Tensor -> (t.repeat_interleave(2), t.repeat_interleave(3, 0), t.repeat_interleave(2, dim=-1))': [
    {
      ok: [
        {
          ndarray: {
            dtype: 'float32',
            shape: [12],
            data: [1.0, 1.0, -2.5, -2.5, 3.0, 3.0, 4.0, 4.0, 0.5, 0.5, -6.0, -6.0],
          },
        },
        {
          ndarray: {
            dtype: 'float32',
            shape: [6, 3],
            data: [1.0, -2.5, 3.0, 1.0, -2.5, 3.0, 1.0, -2.5, 3.0, 4.0, 0.5, -6.0, 4.0, 0.5, -6.0, 4.0, 0.5, -6.0],
          },
        },
        {
          ndarray: {
            dtype: 'float32',
            shape: [2, 6],
            data: [1.0, 1.0, -2.5, -2.5, 3.0, 3.0, 4.0, 4.0, 0.5, 0.5, -6.0, -6.0],
          },
        },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [12], data: [7, 7, -7, -7, 3, 3, 0, 0, 5, 5, -9, -9] } },
        {
          ndarray: {
            dtype: 'int64',
            shape: [6, 3],
            data: [7, -7, 3, 7, -7, 3, 7, -7, 3, 0, 5, -9, 0, 5, -9, 0, 5, -9],
          },
        },
        { ndarray: { dtype: 'int64', shape: [2, 6], data: [7, 7, -7, -7, 3, 3, 0, 0, 5, 5, -9, -9] } },
      ],
    },
  ],
  't: torch.Tensor -> (t.short() * 3 + 100, str((t.short() + t.char()).dtype), str((t.short() / 2).dtype), str(t.short().sum().dtype), t.short().max(), str(t.short().dtype))':
    [
      {
        ok: [
          { ndarray: { dtype: 'int16', shape: [2, 3], data: [103, 103, 100, 103, 100, 100] } },
          'torch.int16',
          'torch.float32',
          'torch.int64',
          1,
          'torch.int16',
        ],
      },
      {
        ok: [
          { ndarray: { dtype: 'int16', shape: [5], data: [97, 1000, 13492, 100, -287] } },
          'torch.int16',
          'torch.float32',
          'torch.int64',
          4464,
          'torch.int16',
        ],
      },
    ],
  't: torch.Tensor -> (t.split(1), t.split(2, dim=-1), t.split((2, 1), 1))': [
    {
      ok: [
        [
          { ndarray: { dtype: 'float32', shape: [1, 3], data: [1.0, -2.5, 3.0] } },
          { ndarray: { dtype: 'float32', shape: [1, 3], data: [4.0, 0.5, -6.0] } },
        ],
        [
          { ndarray: { dtype: 'float32', shape: [2, 2], data: [1.0, -2.5, 4.0, 0.5] } },
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [3.0, -6.0] } },
        ],
        [
          { ndarray: { dtype: 'float32', shape: [2, 2], data: [1.0, -2.5, 4.0, 0.5] } },
          { ndarray: { dtype: 'float32', shape: [2, 1], data: [3.0, -6.0] } },
        ],
      ],
    },
    {
      ok: [
        [
          { ndarray: { dtype: 'int64', shape: [1, 3], data: [7, -7, 3] } },
          { ndarray: { dtype: 'int64', shape: [1, 3], data: [0, 5, -9] } },
        ],
        [
          { ndarray: { dtype: 'int64', shape: [2, 2], data: [7, -7, 0, 5] } },
          { ndarray: { dtype: 'int64', shape: [2, 1], data: [3, -9] } },
        ],
        [
          { ndarray: { dtype: 'int64', shape: [2, 2], data: [7, -7, 0, 5] } },
          { ndarray: { dtype: 'int64', shape: [2, 1], data: [3, -9] } },
        ],
      ],
    },
  ],
  't: torch.Tensor -> (t.unbind(), t.unbind(-1))': [
    {
      ok: [
        [
          { ndarray: { dtype: 'float32', shape: [3], data: [1.0, -2.5, 3.0] } },
          { ndarray: { dtype: 'float32', shape: [3], data: [4.0, 0.5, -6.0] } },
        ],
        [
          { ndarray: { dtype: 'float32', shape: [2], data: [1.0, 4.0] } },
          { ndarray: { dtype: 'float32', shape: [2], data: [-2.5, 0.5] } },
          { ndarray: { dtype: 'float32', shape: [2], data: [3.0, -6.0] } },
        ],
      ],
    },
    {
      ok: [
        [
          { ndarray: { dtype: 'int64', shape: [3], data: [7, -7, 3] } },
          { ndarray: { dtype: 'int64', shape: [3], data: [0, 5, -9] } },
        ],
        [
          { ndarray: { dtype: 'int64', shape: [2], data: [7, 0] } },
          { ndarray: { dtype: 'int64', shape: [2], data: [-7, 5] } },
          { ndarray: { dtype: 'int64', shape: [2], data: [3, -9] } },
        ],
      ],
    },
  ],
  't: torch.Tensor -> (torch.allclose(t, t + 1e-9), torch.allclose(t, t + 1e-3), torch.allclose(t, t + 1e-3, atol=1e-2))':
    [{ ok: [true, false, true] }, { ok: [true, false, true] }],
  't: torch.Tensor -> (torch.argsort(t, descending=True, stable=True), t.sort(stable=True, descending=True).indices)': [
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [6], data: [1, 3, 0, 2, 5, 4] } },
        { ndarray: { dtype: 'int64', shape: [6], data: [1, 3, 0, 2, 5, 4] } },
      ],
    },
  ],
  't: torch.Tensor -> (torch.count_nonzero(t), torch.count_nonzero(t, dim=1))': [
    { ok: [6, { ndarray: { dtype: 'int64', shape: [2], data: [3, 3] } }] },
    { ok: [3, { ndarray: { dtype: 'int64', shape: [2], data: [2, 1] } }] },
  ],
  't: torch.Tensor -> (torch.diag(t), torch.diag(t, 1))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [3, 3], data: [0.5, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, -1.5] } },
        {
          ndarray: {
            dtype: 'float32',
            shape: [4, 4],
            data: [0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, -1.5, 0.0, 0.0, 0.0, 0.0],
          },
        },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [1.0, 0.5] } },
        { ndarray: { dtype: 'float32', shape: [2], data: [-2.5, -6.0] } },
      ],
    },
  ],
  't: torch.Tensor -> (torch.flip(t, (0,)), torch.flip(t, dims=[1]))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [4.0, 0.5, -6.0, 1.0, -2.5, 3.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.0, -2.5, 1.0, -6.0, 0.5, 4.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 5, -9, 7, -7, 3] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [3, -7, 7, -9, 5, 0] } },
      ],
    },
  ],
  't: torch.Tensor -> (torch.logsumexp(t, 1), torch.logsumexp(t, dim=0, keepdim=True))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [3.130521059036255, 4.029794692993164] } },
        {
          ndarray: {
            dtype: 'float32',
            shape: [1, 3],
            data: [4.048587322235107, 0.5485873222351074, 3.0001232624053955],
          },
        },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [7.018150806427002, 5.006716251373291] } },
        {
          ndarray: {
            dtype: 'float32',
            shape: [1, 3],
            data: [7.000911235809326, 5.000006198883057, 3.0000061988830566],
          },
        },
      ],
    },
  ],
  't: torch.Tensor -> (torch.nan_to_num(t), torch.nan_to_num(t, nan=-1.0, posinf=9.0))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [4], data: [1.5, 0.0, -2.0, 3.0] } },
        { ndarray: { dtype: 'float32', shape: [4], data: [1.5, 0.0, -2.0, 3.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } },
      ],
    },
  ],
  't: torch.Tensor -> (torch.roll(t, 1), torch.roll(t, -1, dims=1), torch.roll(t, 3, 0))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-6.0, 1.0, -2.5, 3.0, 4.0, 0.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-2.5, 3.0, 1.0, 0.5, -6.0, 4.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [4.0, 0.5, -6.0, 1.0, -2.5, 3.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [-9, 7, -7, 3, 0, 5] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [-7, 3, 7, 5, -9, 0] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 5, -9, 7, -7, 3] } },
      ],
    },
  ],
  't: torch.Tensor -> F.dropout(t, p=0.1, training=False)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> F.elu(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [1.0, -0.9179149866104126, 3.0, 4.0, 0.5, -0.9975212216377258],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, -0.6321205496788025, 0.5, 4.0, 0.0] },
      },
    },
  ],
  't: torch.Tensor -> F.elu(t, alpha=0.5)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [1.0, -0.4589574933052063, 3.0, 4.0, 0.5, -0.4987606108188629],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [-0.475106465816068, 0.5, 30.0] } } },
  ],
  't: torch.Tensor -> F.gelu(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.8413447141647339, -0.015524178743362427, 2.9959497451782227, 3.999873638153076, 0.3457312285900116, -0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.8413447141647339, 2.9959497451782227, 1.9544997215270996, 2.9959497451782227, -0.15865525603294373,
            0.3457312285900116, 3.999873638153076, 0.0,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.gelu(t, approximate="tanh")': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.8411920070648193, -0.015084296464920044, 2.9963626861572266, 3.999929904937744, 0.3457140028476715, -0.0,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.layer_norm(t, (4,))': [
    {
      error: {
        type: 'RuntimeError',
        message: 'Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]',
      },
    },
  ],
  't: torch.Tensor -> F.layer_norm(t, [2, 3])': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2, 3],
          data: [
            -1.4638476371765137, -0.8783085346221924, -0.29276952147483826, 0.29276952147483826, 0.8783085346221924,
            1.4638476371765137, -1.1566776037216187, -0.7781285643577576, -0.39957955479621887, -0.39957955479621887,
            1.3669824600219727, 1.3669824600219727,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.295958012342453, -0.7398951053619385, 0.8878741264343262, 1.1838321685791016, 0.1479789912700653,
            -1.7757482528686523,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.layer_norm(t, normalized_shape=(t.shape[1],))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.2199704647064209, -1.3198227882385254, 1.0998523235321045, 1.0860990285873413, 0.24135534465312958,
            -1.3274544477462769,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [0.0, 0.0, -0.9999799728393555, 0.9999799728393555] } } },
  ],
  't: torch.Tensor -> F.leaky_relu(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [1.0, -0.02499999850988388, 3.0, 4.0, 0.5, -0.05999999865889549],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, -0.009999999776482582, 0.5, 4.0, 0.0] },
      },
    },
  ],
  't: torch.Tensor -> F.leaky_relu(t, negative_slope=0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -1.25, 3.0, 4.0, 0.5, -3.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [-1.5, 0.5, 30.0] } } },
  ],
  't: torch.Tensor -> F.log_softmax(t, dim=0)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            -0.12692804634571075, -0.07888974994421005, -2.1269280910491943, -0.04858732968568802, -2.1269280910491943,
            -2.578889846801758, -0.12692804634571075, -3.0485873222351074,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.mish(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.8650983572006226, -0.19681619107723236, 2.98653507232666, 3.997412919998169, 0.37524524331092834,
            -0.014854080975055695,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.8650983572006226, 2.98653507232666, 1.9439589977264404, 2.98653507232666, -0.3034014403820038,
            0.37524524331092834, 3.997412919998169, 0.0,
          ],
        },
      },
    },
  ],
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
  't: torch.Tensor -> F.one_hot(t).float().sum(0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [1.0, 1.0, 2.0] } } },
    { error: { type: 'RuntimeError', message: 'Can not infer total number of classes from empty tensor.' } },
    { error: { type: 'RuntimeError', message: 'Class values must be non-negative.' } },
  ],
  't: torch.Tensor -> F.one_hot(t, num_classes=4)': [
    { ok: { ndarray: { dtype: 'int64', shape: [3, 4], data: [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 2, 4], data: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0] } } },
    { error: { type: 'RuntimeError', message: 'Class values must be smaller than num_classes.' } },
  ],
  't: torch.Tensor -> F.pad(t, (-1, 1))': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [2.0, -1.5, 0.0] } } },
  ],
  't: torch.Tensor -> F.pad(t, (1, 2))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 6],
          data: [0.0, 1.0, -2.5, 3.0, 0.0, 0.0, 0.0, 4.0, 0.5, -6.0, 0.0, 0.0],
        },
      },
    },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 6], data: [0, 7, -7, 3, 0, 0, 0, 0, 5, -9, 0, 0] } } },
  ],
  't: torch.Tensor -> F.pad(t, (1,))': [
    { error: { type: 'RuntimeError', message: 'Padding length must be divisible by 2' } },
    { error: { type: 'RuntimeError', message: 'Padding length must be divisible by 2' } },
  ],
  't: torch.Tensor -> F.pad(t, [0, 0, 1, 0], value=-1.0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 3], data: [-1.0, -1.0, -1.0, 1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [3, 3], data: [-1, -1, -1, 1, 1, 0, 1, 0, 0] } } },
  ],
  't: torch.Tensor -> F.relu(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, 0.0, 0.5, 4.0, 0.0] } } },
  ],
  't: torch.Tensor -> F.sigmoid(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.7310585975646973, 0.07585817575454712, 0.9525741338729858, 0.9820137619972229, 0.622459352016449,
            0.0024726230185478926,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.9990890026092529, 0.0009110511746257544, 0.9525741338729858, 0.5, 0.9933071732521057,
            0.00012339458044152707,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.silu(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.7310585975646973, -0.189645454287529, 2.857722520828247, 3.9280550479888916, 0.3112296760082245,
            -0.014835738576948643,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.7310585975646973, 2.857722520828247, 1.7615940570831299, 2.857722520828247, -0.2689414322376251,
            0.3112296760082245, 3.9280550479888916, 0.0,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.softmax(t, dim=-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.054064586758613586, 0.3994862735271454, 0.14696279168128967, 0.3994862735271454, 0.006385160610079765,
            0.02861630544066429, 0.9476418495178223, 0.017356665804982185,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.softplus(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1.31326162815094, 0.07888973504304886, 3.0485873222351074, 4.0181498527526855, 0.9740769863128662,
            0.0024756852071732283,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.31326162815094, 3.0485873222351074, 2.1269280910491943, 3.0485873222351074, 0.3132616877555847,
            0.9740769863128662, 4.0181498527526855, 0.6931471824645996,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> F.softplus(t, beta=0.5, threshold=2.0)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1.9481539726257324, 0.5038581490516663, 3.4028265476226807, 4.253856182098389, 1.651878833770752,
            0.09717470407485962,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.4028265559655048, 1.6518788397576871, 30.0] } } },
  ],
  't: torch.Tensor -> a = t\nr = t.sub_(1.5)\nreturn a, r': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-0.5, -4.0, 1.5, 2.5, -1.0, -7.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-0.5, -4.0, 1.5, 2.5, -1.0, -7.5] } },
      ],
    },
  ],
  't: torch.Tensor -> a = t\nt.abs_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 2.5, 3.0, 4.0, 0.5, 6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 7, 3, 0, 5, 9] } } },
  ],
  't: torch.Tensor -> a = t\nt.ceil_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.0, 3.0, 4.0, 1.0, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> a = t\nt.clamp_(min=-1.0, max=2.0)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -1.0, 2.0, 2.0, 0.5, -1.0] } } },
    { error: { type: 'RuntimeError', message: "result type Float can't be cast to the desired output type long int" } },
  ],
  't: torch.Tensor -> a = t\nt.clamp_max_(0.5)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -2.5, 0.5, 0.5, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> a = t\nt.clamp_min_(0.5)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 0.5, 3.0, 4.0, 0.5, 0.5] } } },
  ],
  't: torch.Tensor -> a = t\nt.div_(0.5)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, -5.0, 6.0, 8.0, 1.0, -12.0] } } },
  ],
  't: torch.Tensor -> a = t\nt.exp_()\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2],
          data: [1.2840254306793213, 4.481688976287842, 54.598148345947266, 8103.083984375],
        },
      },
    },
  ],
  't: torch.Tensor -> a = t\nt.expm1_()\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2],
          data: [0.2840254306793213, 3.481688976287842, 53.598148345947266, 8102.083984375],
        },
      },
    },
  ],
  't: torch.Tensor -> a = t\nt.floor_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -3.0, 3.0, 4.0, 0.0, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> a = t\nt.log1p_()\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2],
          data: [0.2231435477733612, 0.9162907600402832, 1.6094379425048828, 2.3025851249694824],
        },
      },
    },
  ],
  't: torch.Tensor -> a = t\nt.log_()\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2],
          data: [-1.3862943649291992, 0.40546512603759766, 1.3862943649291992, 2.1972246170043945],
        },
      },
    },
  ],
  't: torch.Tensor -> a = t\nt.nan_to_num_(0.0)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> a = t\nt.neg_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 2.5, -3.0, -4.0, -0.5, 6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [-7, 7, -3, 0, -5, 9] } } },
  ],
  't: torch.Tensor -> a = t\nt.pow_(2)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 6.25, 9.0, 16.0, 0.25, 36.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [49, 49, 9, 0, 25, 81] } } },
  ],
  't: torch.Tensor -> a = t\nt.reciprocal_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [4.0, 0.6666666865348816, 0.25, 0.1111111119389534] } } },
  ],
  't: torch.Tensor -> a = t\nt.relu_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [0.25, 1.5, 4.0, 9.0] } } },
  ],
  't: torch.Tensor -> a = t\nt.round_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.0, 3.0, 4.0, 0.0, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> a = t\nt.rsqrt_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [2.0, 0.8164965510368347, 0.5, 0.3333333432674408] } } },
  ],
  't: torch.Tensor -> a = t\nt.sigmoid_()\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2],
          data: [0.562176525592804, 0.8175744414329529, 0.9820137619972229, 0.9998766183853149],
        },
      },
    },
  ],
  't: torch.Tensor -> a = t\nt.sign_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -1.0, 1.0, 1.0, 1.0, -1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -1, 1, 0, 1, -1] } } },
  ],
  't: torch.Tensor -> a = t\nt.sqrt_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [0.5, 1.2247449159622192, 2.0, 3.0] } } },
  ],
  't: torch.Tensor -> a = t\nt.square_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [0.0625, 2.25, 16.0, 81.0] } } },
  ],
  't: torch.Tensor -> a = t\nt.tanh_()\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2],
          data: [0.24491865932941437, 0.9051482677459717, 0.9993293285369873, 0.9999999403953552],
        },
      },
    },
  ],
  't: torch.Tensor -> a = t\nt.trunc_()\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.0, 3.0, 4.0, 0.0, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> alias = t\ncopy = t.clone()\nt[t > 1.5] = 0\nreturn alias, copy': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 0.0, 0.0, 0.0, -1.0, 0.5, 0.0, 0.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, -1.0, 0.5, 4.0, 0.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, -7, 0, 0, 0, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } },
      ],
    },
  ],
  't: torch.Tensor -> if t.dtype == torch.float32:\n    return t * 2\nreturn t.float()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, -5.0, 6.0, 8.0, 1.0, -12.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
  ],
  't: torch.Tensor -> probs = torch.softmax(t, dim=-1)\nsorted_probs, order = torch.sort(probs, descending=True)\ncum = torch.cumsum(sorted_probs, dim=-1)\nsorted_probs = sorted_probs.masked_fill(cum - sorted_probs > 0.6, 0.0)\nreturn sorted_probs, order':
    [
      {
        ok: [
          {
            ndarray: {
              dtype: 'float32',
              shape: [2, 4],
              data: [0.3994862735271454, 0.3994862735271454, 0.0, 0.0, 0.9476418495178223, 0.0, 0.0, 0.0],
            },
          },
          { ndarray: { dtype: 'int64', shape: [2, 4], data: [1, 3, 2, 0, 2, 1, 3, 0] } },
        ],
      },
    ],
  't: torch.Tensor -> r = t.masked_fill_(t < 2.0, 0.0)\nreturn t, r': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 4], data: [0.0, 3.0, 2.0, 3.0, 0.0, 0.0, 4.0, 0.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 4], data: [0.0, 3.0, 2.0, 3.0, 0.0, 0.0, 4.0, 0.0] } },
      ],
    },
  ],
  't: torch.Tensor -> r = torch.sort(t, descending=True)\nreturn r.indices': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 4], data: [1, 3, 2, 0, 2, 1, 3, 0] } } },
  ],
  't: torch.Tensor -> r = torch.sort(t, descending=True)\nreturn r.values': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [3.0, 3.0, 2.0, 1.0, 4.0, 0.5, 0.0, -1.0] } } },
  ],
  't: torch.Tensor -> t.abs()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, 1.0, 0.5, 4.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.0, 1.0, 4.0] } } },
  ],
  't: torch.Tensor -> t.acos()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.0,
            { float: 'nan' },
            { float: 'nan' },
            { float: 'nan' },
            3.1415927410125732,
            1.0471975803375244,
            { float: 'nan' },
            1.5707963705062866,
          ],
        },
      },
    },
    {
      ok: { ndarray: { dtype: 'float64', shape: [3], data: [1.0471975511965976, { float: 'nan' }, { float: 'nan' }] } },
    },
  ],
  't: torch.Tensor -> t.all()': [{ ok: true }, { ok: false }, { ok: true }],
  't: torch.Tensor -> t.all(0, keepdim=True)': [
    { ok: { ndarray: { dtype: 'bool', shape: [1, 3], data: [false, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [1, 3, 2], data: [true, true, true, true, true, true] } } },
  ],
  't: torch.Tensor -> t.allclose(t * 1.000001, rtol=1e-4)': [{ ok: true }],
  't: torch.Tensor -> t.amax(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [7, 5] } } }],
  't: torch.Tensor -> t.amin(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [-7, -9] } } }],
  't: torch.Tensor -> t.any()': [{ ok: true }, { ok: true }, { ok: false }],
  't: torch.Tensor -> t.any(0, keepdim=True)': [
    { ok: { ndarray: { dtype: 'bool', shape: [1, 3], data: [true, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [1, 3, 2], data: [true, true, true, true, true, true] } } },
  ],
  't: torch.Tensor -> t.argmax(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } }],
  't: torch.Tensor -> t.argmin(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } } }],
  't: torch.Tensor -> t.argsort(descending=True)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 4], data: [1, 3, 2, 0, 2, 1, 3, 0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 2, 1, 1, 0, 2] } } },
  ],
  't: torch.Tensor -> t.asin()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.5707963705062866,
            { float: 'nan' },
            { float: 'nan' },
            { float: 'nan' },
            -1.5707963705062866,
            0.5235987901687622,
            { float: 'nan' },
            0.0,
          ],
        },
      },
    },
    {
      ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.5235987755982989, { float: 'nan' }, { float: 'nan' }] } },
    },
  ],
  't: torch.Tensor -> t.atan()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.7853981852531433, 1.249045729637146, 1.1071487665176392, 1.249045729637146, -0.7853981852531433,
            0.46364760398864746, 1.3258177042007446, 0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.4636476090008061, -1.1071487177940904, 1.3258176636680326] },
      },
    },
  ],
  't: torch.Tensor -> t.bfloat16()': [
    { ok: { ndarray: { dtype: 'bfloat16', shape: [2, 3], data: [1.0, 1.0, 0.0, 1.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'bfloat16', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    { ok: { ndarray: { dtype: 'bfloat16', shape: [5], data: [-1.703125, 300.0, 70144.0, 0.10009765625, -129.0] } } },
  ],
  't: torch.Tensor -> t.byte()': [
    { ok: { ndarray: { dtype: 'uint8', shape: [2, 3], data: [1, 1, 0, 1, 0, 0] } } },
    { ok: { ndarray: { dtype: 'uint8', shape: [2, 3], data: [1, 254, 3, 4, 0, 250] } } },
    { ok: { ndarray: { dtype: 'uint8', shape: [5], data: [255, 44, 112, 0, 127] } } },
  ],
  't: torch.Tensor -> t.ceil()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.0, 3.0, 4.0, 1.0, -6.0] } } },
  ],
  't: torch.Tensor -> t.char()': [
    { ok: { ndarray: { dtype: 'int8', shape: [2, 3], data: [1, 1, 0, 1, 0, 0] } } },
    { ok: { ndarray: { dtype: 'int8', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
    { ok: { ndarray: { dtype: 'int8', shape: [5], data: [-1, 44, 112, 0, 127] } } },
  ],
  't: torch.Tensor -> t.chunk(0)': [
    { error: { type: 'RuntimeError', message: 'chunk expects `chunks` to be greater than 0, got: 0' } },
  ],
  't: torch.Tensor -> t.clamp(min=0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 0.5, 3.0, 0.5, 5.0, 0.5] } } },
  ],
  't: torch.Tensor -> t.clamp_max(0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -2.5, 0.5, 0.5, 0.5, -6.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -7.0, 0.5, 0.0, 0.5, -9.0] } } },
  ],
  't: torch.Tensor -> t.clamp_min(0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 0.5, 3.0, 4.0, 0.5, 0.5] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 0.5, 3.0, 0.5, 5.0, 0.5] } } },
  ],
  't: torch.Tensor -> t.clip(min=0.0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 0.0, 3.0, 4.0, 0.5, 0.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 0.0, 3.0, 0.0, 5.0, 0.0] } } },
  ],
  't: torch.Tensor -> t.cos()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.5403023362159729, -0.9899924993515015, -0.416146844625473, -0.9899924993515015, 0.5403023362159729,
            0.8775825500488281, -0.6536436080932617, 1.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.8775825618903728, -0.4161468365471424, -0.6536436208636119] },
      },
    },
  ],
  't: torch.Tensor -> t.cosh()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.5430805683135986, 10.067662239074707, 3.7621958255767822, 10.067662239074707, 1.5430805683135986,
            1.1276259422302246, 27.308231353759766, 1.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [1.1276259652063807, 3.7621956910836314, 27.308232836016487] },
      },
    },
  ],
  't: torch.Tensor -> t.cumsum(0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, 0.0, 3.5, 6.0, 3.0] } } },
  ],
  't: torch.Tensor -> t.diag(-1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [1], data: [4.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [1], data: [0] } } },
  ],
  't: torch.Tensor -> t.eq(0)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, true, false, false] } } },
  ],
  't: torch.Tensor -> t.equal(t + 0)': [{ ok: true }],
  't: torch.Tensor -> t.exp()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            2.7182817459106445, 20.08553695678711, 7.389056205749512, 20.08553695678711, 0.3678794503211975,
            1.6487212181091309, 54.598148345947266, 1.0,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [1.0, 2.718281828459045, 54.598150033144236] } } },
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
  't: torch.Tensor -> t.expm1()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.718281865119934, 19.08553695678711, 6.389056205749512, 19.08553695678711, -0.6321205496788025,
            0.6487212777137756, 53.598148345947266, 0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.6487212707001282, -0.8646647167633873, 53.598150033144236] },
      },
    },
  ],
  't: torch.Tensor -> t.flatten()': [
    {
      ok: {
        ndarray: { dtype: 'float32', shape: [12], data: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 0.5, 2.0, 2.0, 9.0, 9.0] },
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [0.5, 2.0, -1.5] } } },
  ],
  't: torch.Tensor -> t.flatten(0, 1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [6, 2],
          data: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 0.5, 2.0, 2.0, 9.0, 9.0],
        },
      },
    },
    {
      error: { type: 'IndexError', message: 'Dimension out of range (expected to be in range of [-1, 0], but got 1)' },
    },
  ],
  't: torch.Tensor -> t.flip(0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [4.0, 0.5, -6.0, 1.0, -2.5, 3.0] } } },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3, 2],
          data: [-1.0, 0.5, 2.0, 2.0, 9.0, 9.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        },
      },
    },
  ],
  't: torch.Tensor -> t.flip(0, 0)': [
    { error: { type: 'RuntimeError', message: 'dim 0 appears multiple times in the list of dims' } },
  ],
  't: torch.Tensor -> t.floor()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -3.0, 3.0, 4.0, 0.0, -6.0] } } },
  ],
  't: torch.Tensor -> t.ge(0)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, true, true, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, true, true, false] } } },
  ],
  't: torch.Tensor -> t.gt(0)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, true, true, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, false, true, false, true, false] } } },
  ],
  't: torch.Tensor -> t.half()': [
    { ok: { ndarray: { dtype: 'float16', shape: [2, 3], data: [1.0, 1.0, 0.0, 1.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'float16', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    {
      ok: {
        ndarray: {
          dtype: 'float16',
          shape: [5],
          data: [-1.7001953125, 300.5, { float: 'inf' }, 0.0999755859375, -129.0],
        },
      },
    },
  ],
  't: torch.Tensor -> t.int()': [
    { ok: { ndarray: { dtype: 'int32', shape: [2, 3], data: [1, 1, 0, 1, 0, 0] } } },
    { ok: { ndarray: { dtype: 'int32', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
    { ok: { ndarray: { dtype: 'int32', shape: [5], data: [-1, 300, 70000, 0, -129] } } },
  ],
  't: torch.Tensor -> t.is_floating_point()': [{ ok: true }, { ok: false }],
  't: torch.Tensor -> t.isfinite()': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
  ],
  't: torch.Tensor -> t.isinf()': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, false, false] } } },
  ],
  't: torch.Tensor -> t.isnan()': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, false, false] } } },
  ],
  't: torch.Tensor -> t.le(0)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, false, false, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, true, false, true] } } },
  ],
  't: torch.Tensor -> t.log()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.0,
            1.0986123085021973,
            0.6931471824645996,
            1.0986123085021973,
            { float: 'nan' },
            -0.6931471824645996,
            1.3862943649291992,
            { float: '-inf' },
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [{ float: '-inf' }, 0.0, 1.3862943611198906] } } },
  ],
  't: torch.Tensor -> t.log10()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.0,
            0.4771212637424469,
            0.3010300099849701,
            0.4771212637424469,
            { float: 'nan' },
            -0.3010300099849701,
            0.6020600199699402,
            { float: '-inf' },
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [-0.3010299956639812, { float: 'nan' }, 0.6020599913279624] },
      },
    },
  ],
  't: torch.Tensor -> t.log1p()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.6931471824645996,
            1.3862943649291992,
            1.0986123085021973,
            1.3862943649291992,
            { float: '-inf' },
            0.40546509623527527,
            1.6094379425048828,
            0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.4054651081081644, { float: 'nan' }, 1.6094379124341003] },
      },
    },
  ],
  't: torch.Tensor -> t.log2()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [0.0, 1.5849624872207642, 1.0, 1.5849624872207642, { float: 'nan' }, -1.0, 2.0, { float: '-inf' }],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [-1.0, { float: 'nan' }, 2.0] } } },
  ],
  't: torch.Tensor -> t.log_softmax(-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            -2.9175758361816406, -0.9175758361816406, -1.9175758361816406, -0.9175758361816406, -5.053778648376465,
            -3.553778648376465, -0.05377865582704544, -4.053778648376465,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [0.0, -2000.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [-50.0, -250.0, 0.0] } } },
  ],
  't: torch.Tensor -> t.logsumexp(-1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [3.9175758361816406, 4.053778648376465] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [-999.3068237304688, 1000.6931762695312] } } },
  ],
  't: torch.Tensor -> t.lt(0)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, false, false, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, true, false, false, false, true] } } },
  ],
  't: torch.Tensor -> t.masked_fill(t > 0, 0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [0.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, -7, 0, 0, 0, -9] } } },
  ],
  't: torch.Tensor -> t.max(1)[1]': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } }],
  't: torch.Tensor -> t.max(dim=-1).indices': [
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } },
  ],
  't: torch.Tensor -> t.max(dim=-1).values': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [3.0, 4.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [7, 5] } } },
  ],
  't: torch.Tensor -> t.max(dim=1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [3.0, 4.0] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [1.0, 3.0] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [0, 0] } },
      ],
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
  't: torch.Tensor -> t.min(1)[1]': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } } }],
  't: torch.Tensor -> t.min(dim=1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [1.0, -1.0] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [0, 0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [1.0, 3.0] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [0, 0] } },
      ],
    },
  ],
  't: torch.Tensor -> t.narrow(1, 2, 2)': [
    { error: { type: 'RuntimeError', message: 'start (2) + length (2) exceeds dimension size (3).' } },
  ],
  't: torch.Tensor -> t.ndim + t[0].ndim': [{ ok: 5 }, { ok: 1 }],
  't: torch.Tensor -> t.ne(0)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, false, true, true] } } },
  ],
  't: torch.Tensor -> t.neg()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [-1.0, -3.0, -2.0, -3.0, 1.0, -0.5, -4.0, -0.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [-0.0, -1.0, -4.0] } } },
  ],
  't: torch.Tensor -> t.nelement()': [{ ok: 12 }, { ok: 0 }],
  't: torch.Tensor -> t.new_full((2, 2), 3)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [3.0, 3.0, 3.0, 3.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 2], data: [3, 3, 3, 3] } } },
  ],
  't: torch.Tensor -> t.new_full([1], 0.5, dtype=torch.float64)': [
    { ok: { ndarray: { dtype: 'float64', shape: [1], data: [0.5] } } },
  ],
  't: torch.Tensor -> t.new_ones((3,), dtype=torch.bool)': [
    { ok: { ndarray: { dtype: 'bool', shape: [3], data: [true, true, true] } } },
  ],
  't: torch.Tensor -> t.new_ones(2, 3)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 1, 1, 1, 1, 1] } } },
  ],
  't: torch.Tensor -> t.new_zeros((3,), dtype=torch.bool)': [
    { ok: { ndarray: { dtype: 'bool', shape: [3], data: [false, false, false] } } },
  ],
  't: torch.Tensor -> t.new_zeros(2, 3)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 0, 0, 0, 0, 0] } } },
  ],
  't: torch.Tensor -> t.norm()': [{ ok: 8.276473045349121 }, { ok: 0.0 }],
  't: torch.Tensor -> t.norm(3.0)': [{ ok: 2.257178783416748 }],
  't: torch.Tensor -> t.norm(dim=-1, keepdim=True)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 1], data: [4.031128883361816, 7.2284159660339355] } } },
  ],
  't: torch.Tensor -> t.norm(float("inf"), 1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [3.0, 6.0] } } },
  ],
  't: torch.Tensor -> t.norm(p=1, dim=0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [5.0, 3.0, 9.0] } } },
  ],
  't: torch.Tensor -> t.numel()': [{ ok: 12 }, { ok: 0 }],
  't: torch.Tensor -> t.permute((1, 0))': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 2], data: [1.0, 4.0, -2.5, 0.5, 3.0, -6.0] } } },
    {
      error: {
        type: 'RuntimeError',
        message:
          'permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2',
      },
    },
  ],
  't: torch.Tensor -> t.permute(2, 0, 1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 2, 3],
          data: [1.0, 3.0, 5.0, -1.0, 2.0, 9.0, 2.0, 4.0, 6.0, 0.5, 2.0, 9.0],
        },
      },
    },
  ],
  't: torch.Tensor -> t.pow(0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [2.0, 3.0, 1.4142135381698608] } } },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [2.6457512378692627, { float: 'nan' }, 1.7320507764816284, 0.0, 2.2360680103302, { float: 'nan' }],
        },
      },
    },
  ],
  't: torch.Tensor -> t.prod()': [{ ok: 90.0 }, { ok: 0 }, { ok: 1.0 }],
  't: torch.Tensor -> t.prod(0, keepdim=True)': [
    { ok: { ndarray: { dtype: 'int64', shape: [1, 3], data: [0, -35, -27] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [1, 3, 2], data: [-1.0, 1.0, 6.0, 8.0, 45.0, 54.0] } } },
  ],
  't: torch.Tensor -> t.reciprocal()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [1.0, 0.3333333432674408, 0.5, 0.3333333432674408, -1.0, 2.0, 0.25, { float: 'inf' }],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [2.0, -0.5, 0.25] } } },
  ],
  't: torch.Tensor -> t.relu()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 0.0, 3.0, 4.0, 0.5, 0.0] } } },
  ],
  't: torch.Tensor -> t.repeat(2)': [
    {
      error: {
        type: 'RuntimeError',
        message: 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor',
      },
    },
  ],
  't: torch.Tensor -> t.roll(2, 1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-2.5, 3.0, 1.0, 0.5, -6.0, 4.0] } } },
  ],
  't: torch.Tensor -> t.round()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.0, 3.0, 4.0, 0.0, -6.0] } } },
  ],
  't: torch.Tensor -> t.rsqrt()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.0,
            0.5773502588272095,
            0.7071067690849304,
            0.5773502588272095,
            { float: 'nan' },
            1.4142135381698608,
            0.5,
            { float: 'inf' },
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [1.414213562373095, { float: 'nan' }, 0.5] } } },
  ],
  't: torch.Tensor -> t.short()': [
    { ok: { ndarray: { dtype: 'int16', shape: [2, 3], data: [1, 1, 0, 1, 0, 0] } } },
    { ok: { ndarray: { dtype: 'int16', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
    { ok: { ndarray: { dtype: 'int16', shape: [5], data: [-1, 300, 4464, 0, -129] } } },
  ],
  't: torch.Tensor -> t.sigmoid()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.7310585975646973, 0.9525741338729858, 0.8807970285415649, 0.9525741338729858, 0.2689414322376251,
            0.622459352016449, 0.9820137619972229, 0.5,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> t.sign()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 1.0, 1.0, 1.0, -1.0, 1.0, 1.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [1.0, -1.0, 1.0] } } },
  ],
  't: torch.Tensor -> t.sin()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.8414709568023682, 0.14112000167369843, 0.9092974066734314, 0.14112000167369843, -0.8414709568023682,
            0.4794255495071411, -0.756802499294281, 0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.479425538604203, -0.9092974268256817, -0.7568024953079282] },
      },
    },
  ],
  't: torch.Tensor -> t.sinh()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.175201177597046, 10.017874717712402, 3.6268603801727295, 10.017874717712402, -1.175201177597046,
            0.5210952758789062, 27.289918899536133, 0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.5210953054937474, -3.626860407847019, 27.28991719712775] },
      },
    },
  ],
  't: torch.Tensor -> t.softmax(-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.054064586758613586, 0.3994862735271454, 0.14696279168128967, 0.3994862735271454, 0.006385160610079765,
            0.02861630544066429, 0.9476418495178223, 0.017356665804982185,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> t.sort(dim=-1, descending=True)[1]': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 4], data: [1, 3, 2, 0, 2, 1, 3, 0] } } },
  ],
  't: torch.Tensor -> t.split([1, 1], 1)': [
    {
      error: {
        type: 'RuntimeError',
        message:
          "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]",
      },
    },
  ],
  't: torch.Tensor -> t.sqrt()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.0,
            1.7320507764816284,
            1.4142135381698608,
            1.7320507764816284,
            { float: 'nan' },
            0.7071067690849304,
            2.0,
            0.0,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.0, 1.0, 2.0] } } },
  ],
  't: torch.Tensor -> t.square()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 9.0, 4.0, 9.0, 1.0, 0.25, 16.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.25, 4.0, 16.0] } } },
  ],
  't: torch.Tensor -> t.squeeze(0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, -1.0, 0.5, 4.0, 0.0] } } },
  ],
  't: torch.Tensor -> t.std()': [{ ok: 3.7013511657714844 }, { ok: 1.7559423446655273 }],
  't: torch.Tensor -> t.std(0, unbiased=False, keepdim=True)': [
    { ok: { ndarray: { dtype: 'float32', shape: [1, 3], data: [1.5, 1.5, 4.5] } } },
  ],
  't: torch.Tensor -> t.std(dim=-1, correction=0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.5, 0.5, 0.75, 0.0, 0.0] } } },
  ],
  't: torch.Tensor -> t.sum(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [3, -4] } } }],
  't: torch.Tensor -> t.t()': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 2], data: [1.0, 4.0, -2.5, 0.5, 3.0, -6.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [0.5, 2.0, -1.5] } } },
    { error: { type: 'RuntimeError', message: 't() expects a tensor with <= 2 dimensions, but self is 3D' } },
  ],
  't: torch.Tensor -> t.tan()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            1.5574077367782593, -0.14254654943943024, -2.185039758682251, -0.14254654943943024, -1.5574077367782593,
            0.5463024973869324, 1.1578212976455688, 0.0,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float64', shape: [3], data: [0.5463024898437905, 2.185039863261519, 1.1578212823495775] },
      },
    },
  ],
  't: torch.Tensor -> t.tanh()': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.7615941762924194, 0.9950547814369202, 0.9640275835990906, 0.9950547814369202, -0.7615941762924194,
            0.46211716532707214, 0.9993293285369873, 0.0,
          ],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.0, 0.7615941559557649, 0.999329299739067] } } },
  ],
  't: torch.Tensor -> t.to("cpu", dtype=torch.float64)': [
    { ok: { ndarray: { dtype: 'float64', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
  ],
  't: torch.Tensor -> t.to(t.device).to(torch.bool)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, false, true, true] } } },
  ],
  't: torch.Tensor -> t.to(torch.bfloat16)': [
    { ok: { ndarray: { dtype: 'bfloat16', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'bfloat16', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.bool)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, false, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
  ],
  't: torch.Tensor -> t.to(torch.double)': [
    { ok: { ndarray: { dtype: 'float64', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.float)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.float16)': [
    { ok: { ndarray: { dtype: 'float16', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'float16', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.float32)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.float64)': [
    { ok: { ndarray: { dtype: 'float64', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.half)': [
    { ok: { ndarray: { dtype: 'float16', shape: [2, 3], data: [7.0, -7.0, 3.0, 0.0, 5.0, -9.0] } } },
    { ok: { ndarray: { dtype: 'float16', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.to(torch.int)': [
    { ok: { ndarray: { dtype: 'int32', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int32', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.int16)': [
    { ok: { ndarray: { dtype: 'int16', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int16', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.int32)': [
    { ok: { ndarray: { dtype: 'int32', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int32', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.int64)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.int8)': [
    { ok: { ndarray: { dtype: 'int8', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int8', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.long)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.short)': [
    { ok: { ndarray: { dtype: 'int16', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
    { ok: { ndarray: { dtype: 'int16', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> t.to(torch.uint8)': [
    { ok: { ndarray: { dtype: 'uint8', shape: [2, 3], data: [7, 249, 3, 0, 5, 247] } } },
    { ok: { ndarray: { dtype: 'uint8', shape: [2, 3], data: [1, 254, 3, 4, 0, 250] } } },
  ],
  't: torch.Tensor -> t.topk(1, dim=0, largest=False)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [1, 4], data: [-1.0, 0.5, 2.0, 0.0] } },
        { ndarray: { dtype: 'int64', shape: [1, 4], data: [1, 1, 0, 1] } },
      ],
    },
  ],
  't: torch.Tensor -> t.trunc()': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, -1.0, 0.0, 4.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'float64', shape: [3], data: [0.0, -2.0, 4.0] } } },
  ],
  't: torch.Tensor -> t.unflatten(-1, (2, -1))': [
    {
      error: {
        type: 'RuntimeError',
        message: "unflatten: Provided sizes [2, -1] don't multiply up to the size of dim 1 (3) in the input tensor",
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [1.0, 2.0, 3.0, 4.0] } } },
  ],
  't: torch.Tensor -> t.unflatten(1, (3, 1))': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3, 1], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.var()': [{ ok: 13.699999809265137 }, { ok: 3.0833332538604736 }],
  't: torch.Tensor -> t.var(0, unbiased=False, keepdim=True)': [
    { ok: { ndarray: { dtype: 'float32', shape: [1, 3], data: [2.25, 2.25, 20.25] } } },
  ],
  't: torch.Tensor -> t.var(dim=-1, correction=0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.25, 0.25, 0.25, 0.5625, 0.0, 0.0] } } },
  ],
  't: torch.Tensor -> t.view((1, -1, 2))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [1, 6, 2],
          data: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 0.5, 2.0, 2.0, 9.0, 9.0],
        },
      },
    },
  ],
  't: torch.Tensor -> t.view(-1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [6], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> t.view(3, 2)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 2], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    { error: { type: 'RuntimeError', message: "shape '[3, 2]' is invalid for input of size 3" } },
  ],
  't: torch.Tensor -> t[0, 1:3] = 5\nt[:, 0] = -1\nt[-1] = t[0] * 2\nreturn t': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 5.0, 5.0, -2.0, 10.0, 10.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [3, 3], data: [-1, 5, 5, -1, 5, 6, -2, 10, 10] } } },
  ],
  't: torch.Tensor -> t[t < 2.5] = -float("inf")\nreturn t': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            { float: '-inf' },
            3.0,
            { float: '-inf' },
            3.0,
            { float: '-inf' },
            { float: '-inf' },
            4.0,
            { float: '-inf' },
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.abs(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 2.5, 3.0, 4.0, 0.5, 6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 7, 3, 0, 5, 9] } } },
  ],
  't: torch.Tensor -> torch.acos(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1.3181160688400269, 2.094395160675049, 0.722734272480011, 1.5707963705062866, 1.0471975803375244,
            1.6961241960525513,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            { float: 'nan' },
            { float: 'nan' },
            { float: 'nan' },
            1.5707963705062866,
            { float: 'nan' },
            { float: 'nan' },
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.all(t, dim=1)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2], data: [true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2], data: [true, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2], data: [false, false] } } },
  ],
  't: torch.Tensor -> torch.any(t, dim=1)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2], data: [true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2], data: [true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2], data: [true, true] } } },
  ],
  't: torch.Tensor -> torch.arange(t.shape[0], device=t.device)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } },
  ],
  't: torch.Tensor -> torch.argsort(t, dim=0)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 0, 1, 1, 1, 0] } } },
  ],
  't: torch.Tensor -> torch.as_tensor(t.numpy(), dtype=torch.long)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> torch.asin(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.252680242061615, -0.5235987901687622, 0.8480620980262756, 0.0, 0.5235987901687622, -0.12532782554626465,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [{ float: 'nan' }, { float: 'nan' }, { float: 'nan' }, 0.0, { float: 'nan' }, { float: 'nan' }],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.atan(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.244978666305542, -0.46364760398864746, 0.6435011029243469, 0.0, 0.46364760398864746, -0.12435499578714371,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1.4288992881774902, -1.4288992881774902, 1.249045729637146, 0.0, 1.3734008073806763, -1.4601391553878784,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.ceil(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [1.0, 2.0, -2.0, 3.0, -0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> torch.chunk(t, 2, dim=1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 2], data: [1.0, -2.5, 4.0, 0.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 1], data: [3.0, -6.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 2], data: [7, -7, 0, 5] } },
        { ndarray: { dtype: 'int64', shape: [2, 1], data: [3, -9] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.clamp_max(t, 1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 1.0, 1.0, 0.5, -6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -7, 1, 0, 1, -9] } } },
  ],
  't: torch.Tensor -> torch.clamp_min(t, 1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.0, 3.0, 4.0, 1.0, 1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 1, 3, 1, 5, 1] } } },
  ],
  't: torch.Tensor -> torch.clip(t, -1, 1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -1.0, 1.0, 1.0, 0.5, -1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -1, 1, 0, 1, -1] } } },
  ],
  't: torch.Tensor -> torch.cos(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.9689124226570129, 0.8775825500488281, 0.7316888570785522, 1.0, 0.8775825500488281, 0.9921976923942566,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [0.7539022564888, 0.7539022564888, -0.9899924993515015, 1.0, 0.28366219997406006, -0.9111302495002747],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.cosh(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1.0314130783081055, 1.1276259422302246, 1.2946833372116089, 1.0, 1.1276259422302246, 1.0078226327896118,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [548.3170166015625, 548.3170166015625, 10.067662239074707, 1.0, 74.20995330810547, 4051.5419921875],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.cumsum(t, dim=-1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 4.0, 6.0, 9.0, -1.0, -0.5, 3.5, 3.5] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 0, 3, 0, 5, -4] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 2, 2, 1, 1, 1] } } },
  ],
  't: torch.Tensor -> torch.exp(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            2.7182817459106445, 0.08208499848842621, 20.08553695678711, 54.598148345947266, 1.6487212181091309,
            0.0024787522852420807,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1096.6331787109375, 0.0009118819725699723, 20.08553695678711, 1.0, 148.4131622314453,
            0.00012340980174485594,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.expm1(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.2840254306793213, -0.39346933364868164, 1.1169999837875366, 0.0, 0.6487212777137756, -0.1175030991435051,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1095.6331787109375, -0.9990881085395813, 19.08553695678711, 0.0, 147.4131622314453, -0.9998766183853149,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.flatten(t, 1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 6],
          data: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 0.5, 2.0, 2.0, 9.0, 9.0],
        },
      },
    },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> torch.floor(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [0.0, 1.0, -3.0, 2.0, -1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> torch.from_numpy(t.numpy() * 2)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, -5.0, 6.0, 8.0, 1.0, -12.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [14, -14, 6, 0, 10, -18] } } },
  ],
  't: torch.Tensor -> torch.full_like(t, 0.5, dtype=torch.float64)': [
    { ok: { ndarray: { dtype: 'float64', shape: [2, 3], data: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5] } } },
  ],
  't: torch.Tensor -> torch.full_like(t, 7)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 7.0, 7.0, 7.0, 7.0, 7.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 7, 7, 7, 7, 7] } } },
  ],
  't: torch.Tensor -> torch.isfinite(t / t)': [
    { ok: { ndarray: { dtype: 'bool', shape: [3], data: [false, true, true] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, false, true, true] } } },
  ],
  't: torch.Tensor -> torch.isinf(t / t)': [
    { ok: { ndarray: { dtype: 'bool', shape: [3], data: [false, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, false, false] } } },
  ],
  't: torch.Tensor -> torch.isnan(t / t)': [
    { ok: { ndarray: { dtype: 'bool', shape: [3], data: [true, false, false] } } },
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, true, false, false] } } },
  ],
  't: torch.Tensor -> torch.log(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [0.0, { float: 'nan' }, 1.0986123085021973, 1.3862943649291992, -0.6931471824645996, { float: 'nan' }],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            1.9459102153778076,
            { float: 'nan' },
            1.0986123085021973,
            { float: '-inf' },
            1.6094379425048828,
            { float: 'nan' },
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.log10(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            -0.6020600199699402,
            { float: 'nan' },
            -0.1249387338757515,
            { float: '-inf' },
            -0.3010300099849701,
            { float: 'nan' },
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.8450980186462402,
            { float: 'nan' },
            0.4771212637424469,
            { float: '-inf' },
            0.6989700198173523,
            { float: 'nan' },
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.log1p(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.2231435477733612, -0.6931471824645996, 0.5596157908439636, 0.0, 0.40546509623527527, -0.133531391620636,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [2.079441547393799, { float: 'nan' }, 1.3862943649291992, 0.0, 1.7917594909667969, { float: 'nan' }],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.log2(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [-2.0, { float: 'nan' }, -0.41503751277923584, { float: '-inf' }, -1.0, { float: 'nan' }],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            2.8073549270629883,
            { float: 'nan' },
            1.5849624872207642,
            { float: '-inf' },
            2.321928024291992,
            { float: 'nan' },
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.log_softmax(t, dim=-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            -2.9175758361816406, -0.9175758361816406, -1.9175758361816406, -0.9175758361816406, -5.053778648376465,
            -3.553778648376465, -0.05377865582704544, -4.053778648376465,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [3],
          data: [-1.7258020639419556, -0.22580209374427795, -3.725802183151245],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.masked_fill(t, t < 2.0, -float("inf"))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [{ float: '-inf' }, 3.0, 2.0, 3.0, { float: '-inf' }, { float: '-inf' }, 4.0, { float: '-inf' }],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.masked_select(t, t > 0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [4], data: [1.0, 3.0, 4.0, 0.5] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [3], data: [7, 3, 5] } } },
  ],
  't: torch.Tensor -> torch.max(t)': [{ ok: 4.0 }],
  't: torch.Tensor -> torch.max(t, -1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [3.0, 4.0] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2], data: [7, 5] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.min(t)': [{ ok: -1.0 }],
  't: torch.Tensor -> torch.min(t, -1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [1.0, -1.0] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [0, 0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2], data: [-7, -9] } },
        { ndarray: { dtype: 'int64', shape: [2], data: [1, 2] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.narrow(t, 1, 1, 2)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [-2.5, 3.0, 0.5, -6.0] } } },
  ],
  't: torch.Tensor -> torch.neg(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 2.5, -3.0, -4.0, -0.5, 6.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [-7, 7, -3, 0, -5, 9] } } },
  ],
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
  't: torch.Tensor -> torch.nonzero(t)': [
    { ok: { ndarray: { dtype: 'int64', shape: [5, 2], data: [0, 0, 0, 1, 0, 2, 1, 1, 1, 2] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [0, 1], data: [] } } },
  ],
  't: torch.Tensor -> torch.norm(t, dim=-1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [4.031128883361816, 7.2284159660339355] } } },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [2.2360680103302, 5.0, 7.8102498054504395, 1.1180340051651, 2.8284270763397217, 12.727922439575195],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.ones(t.shape, dtype=t.dtype)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 1, 1, 1, 1, 1] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [1.0, 1.0, 1.0] } } },
  ],
  't: torch.Tensor -> torch.ones_like(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 1, 1, 1, 1, 1] } } },
  ],
  't: torch.Tensor -> torch.ones_like(t, dtype=torch.bool)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [true, true, true, true, true, true] } } },
  ],
  't: torch.Tensor -> torch.pow(t, 2)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 6.25, 9.0, 16.0, 0.25, 36.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [49, 49, 9, 0, 25, 81] } } },
  ],
  't: torch.Tensor -> torch.prod(t, dim=1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [-7.5, -12.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [-147, 0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 0] } } },
  ],
  't: torch.Tensor -> torch.reciprocal(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [4.0, -2.0, 1.3333333730697632, { float: 'inf' }, 2.0, -8.0],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.1428571492433548,
            -0.1428571492433548,
            0.3333333432674408,
            { float: 'inf' },
            0.20000000298023224,
            -0.1111111119389534,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.relu(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 0.0, 3.0, 4.0, 0.5, 0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 0, 3, 0, 5, 0] } } },
  ],
  't: torch.Tensor -> torch.repeat_interleave(t, 2, dim=1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 6],
          data: [1.0, 1.0, -2.5, -2.5, 3.0, 3.0, 4.0, 4.0, 0.5, 0.5, -6.0, -6.0],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.round(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [0.0, 2.0, -2.0, 3.0, -0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> torch.rsqrt(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [2.0, { float: 'nan' }, 1.154700517654419, { float: 'inf' }, 1.4142135381698608, { float: 'nan' }],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.37796449661254883,
            { float: 'nan' },
            0.5773502588272095,
            { float: 'inf' },
            0.4472135901451111,
            { float: 'nan' },
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.sigmoid(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.7310585975646973, 0.9525741338729858, 0.8807970285415649, 0.9525741338729858, 0.2689414322376251,
            0.622459352016449, 0.9820137619972229, 0.5,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: { dtype: 'float32', shape: [3], data: [0.622459352016449, 0.8807970285415649, 0.18242552876472473] },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.9990890026092529, 0.0009110511746257544, 0.9525741338729858, 0.5, 0.9933071732521057,
            0.00012339458044152707,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.sign(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -1.0, 1.0, 0.0, 1.0, -1.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -1, 1, 0, 1, -1] } } },
  ],
  't: torch.Tensor -> torch.sin(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.24740396440029144, -0.4794255495071411, 0.681638777256012, 0.0, 0.4794255495071411, -0.1246747300028801,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.6569865942001343, -0.6569865942001343, 0.14112000167369843, 0.0, -0.9589242935180664,
            -0.41211849451065063,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.sinh(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.25261232256889343, -0.5210952758789062, 0.8223167061805725, 0.0, 0.5210952758789062, -0.1253257691860199,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [548.316162109375, -548.316162109375, 10.017874717712402, 0.0, 74.20320892333984, -4051.5419921875],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.softmax(t / 0.5, 0)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.9820137619972229, 0.9933071732521057, 0.01798621006309986, 0.9975274205207825, 0.01798621006309986,
            0.006692850962281227, 0.9820137619972229, 0.0024726232513785362,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.softmax(t, dim=-1)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [
            0.054064586758613586, 0.3994862735271454, 0.14696279168128967, 0.3994862735271454, 0.006385160610079765,
            0.02861630544066429, 0.9476418495178223, 0.017356665804982185,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [3],
          data: [0.17803020775318146, 0.7978760004043579, 0.024093767628073692],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.sort(t, 0)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 4], data: [-1.0, 0.5, 2.0, 0.0, 1.0, 3.0, 4.0, 3.0] } },
        { ndarray: { dtype: 'int64', shape: [2, 4], data: [1, 1, 0, 1, 0, 0, 1, 0] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.split(t, [1, 2], dim=1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 1], data: [1.0, 4.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 2], data: [-2.5, 3.0, 0.5, -6.0] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.sqrt(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [1.0, { float: 'nan' }, 1.7320507764816284, 2.0, 0.7071067690849304, { float: 'nan' }],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [2.6457512378692627, { float: 'nan' }, 1.7320507764816284, 0.0, 2.2360680103302, { float: 'nan' }],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.square(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0625, 0.25, 0.5625, 0.0, 0.25, 0.015625] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [49, 49, 9, 0, 25, 81] } } },
  ],
  't: torch.Tensor -> torch.squeeze(t)': [{ ok: { ndarray: { dtype: 'float32', shape: [3], data: [1.0, 2.0, 3.0] } } }],
  't: torch.Tensor -> torch.std(t, dim=1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [2.7838821411132812, 5.074445724487305] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [2.0, 2.0, 5.131601333618164, 4.536885738372803] } } },
  ],
  't: torch.Tensor -> torch.tan(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.25534191727638245, -0.5463024973869324, 0.9315964579582214, 0.0, 0.5463024973869324, -0.1256551444530487,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.8714479804039001, -0.8714479804039001, -0.14254654943943024, 0.0, -3.3805148601531982,
            0.45231565833091736,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.tanh(t)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.7615941762924194, -0.9866142868995667, 0.9950547814369202, 0.9993293285369873, 0.46211716532707214,
            -0.9999877214431763,
          ],
        },
      },
    },
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.9999983310699463, -0.9999983310699463, 0.9950547814369202, 0.0, 0.9999092221260071, -0.9999999403953552,
          ],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.tensor(t.numpy(), dtype=torch.long)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -2, 3, 4, 0, -6] } } },
  ],
  't: torch.Tensor -> torch.topk(t, 2)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 2], data: [3.0, 3.0, 4.0, 0.5] } },
        { ndarray: { dtype: 'int64', shape: [2, 2], data: [1, 3, 2, 1] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 2], data: [7, 3, 5, 0] } },
        { ndarray: { dtype: 'int64', shape: [2, 2], data: [0, 2, 1, 0] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.topk(t, 5)': [
    { error: { type: 'RuntimeError', message: 'selected index k out of range' } },
  ],
  't: torch.Tensor -> torch.trunc(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, -0.0, 0.0, 0.0, 0.0, -0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor -> torch.unbind(t, 1)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2], data: [1.0, 4.0] } },
        { ndarray: { dtype: 'float32', shape: [2], data: [-2.5, 0.5] } },
        { ndarray: { dtype: 'float32', shape: [2], data: [3.0, -6.0] } },
      ],
    },
  ],
  't: torch.Tensor -> torch.var(t, dim=1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [7.75, 25.75] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [4.0, 4.0, 26.33333396911621, 20.58333396911621] } } },
  ],
  't: torch.Tensor -> torch.where(t < 0, 0.5, t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 0.5, 3.0, 0.0, 5.0, 0.5] } } },
  ],
  't: torch.Tensor -> torch.where(t > 1.0, t, float("-inf"))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [{ float: '-inf' }, 3.0, 2.0, 3.0, { float: '-inf' }, { float: '-inf' }, 4.0, { float: '-inf' }],
        },
      },
    },
  ],
  't: torch.Tensor -> torch.zeros(t.shape, dtype=t.dtype)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 0, 0, 0, 0, 0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [0.0, 0.0, 0.0] } } },
  ],
  't: torch.Tensor -> torch.zeros_like(t)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 0, 0, 0, 0, 0] } } },
  ],
  't: torch.Tensor -> torch.zeros_like(t, dtype=torch.bool)': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3], data: [false, false, false, false, false, false] } } },
  ],
  't: torch.Tensor -> v, _ = torch.topk(t, 2)\nreturn t.masked_fill(t < v[:, -1:], -float("inf"))': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [{ float: '-inf' }, 3.0, { float: '-inf' }, 3.0, { float: '-inf' }, 0.5, 4.0, { float: '-inf' }],
        },
      },
    },
  ],
  't: torch.Tensor -> v, i = torch.max(t, dim=0, keepdim=True)\nreturn v, i': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [1, 4], data: [1.0, 3.0, 4.0, 3.0] } },
        { ndarray: { dtype: 'int64', shape: [1, 4], data: [0, 0, 1, 0] } },
      ],
    },
  ],
  't: torch.Tensor -> v, i = torch.min(t, dim=0, keepdim=True)\nreturn v, i': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [1, 4], data: [-1.0, 0.5, 2.0, 0.0] } },
        { ndarray: { dtype: 'int64', shape: [1, 4], data: [1, 1, 0, 1] } },
      ],
    },
  ],
  't: torch.Tensor -> values, indices = torch.sort(t, descending=True)\nreturn values, indices': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 4], data: [3.0, 3.0, 2.0, 1.0, 4.0, 0.5, 0.0, -1.0] } },
        { ndarray: { dtype: 'int64', shape: [2, 4], data: [1, 3, 2, 0, 2, 1, 3, 0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 3, -7, 5, 0, -9] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [0, 2, 1, 1, 0, 2] } },
      ],
    },
  ],
  't: torch.Tensor -> ys, xs = torch.nonzero(t.reshape(2, -1) > 1, as_tuple=True)\nreturn ys.tolist(), xs.tolist(), torch.nonzero(t, as_tuple=False).tolist()':
    [
      {
        ok: [
          [0, 0, 1],
          [0, 2, 1],
          [
            [0, 0],
            [0, 1],
            [0, 2],
            [1, 1],
            [1, 2],
          ],
        ],
      },
      {
        ok: [
          [0, 1],
          [2, 0],
          [
            [0, 0],
            [0, 1],
            [0, 2],
            [1, 0],
            [1, 1],
            [1, 2],
          ],
        ],
      },
    ],
  't: torch.Tensor -> ~t': [
    { ok: { ndarray: { dtype: 'bool', shape: [3], data: [false, true, false] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [-2, -2, -1, -2, -1, -1] } } },
    {
      error: {
        type: 'TypeError',
        message: '~ (operator.invert) is only implemented on integer and Boolean-type tensors',
      },
    },
  ],
  't: torch.Tensor -> ~t[..., None].bool()': [
    { ok: { ndarray: { dtype: 'bool', shape: [2, 3, 1], data: [false, false, true, false, true, true] } } },
  ],
  't: torch.Tensor, e: torch.Tensor -> t.pow(e)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [0.25, 8.0, 1.0] } } },
  ],
  't: torch.Tensor, i: torch.Tensor -> a = t\nt.index_fill_(1, i, float("-inf"))\nreturn a': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [{ float: '-inf' }, -2.5, 3.0, { float: '-inf' }, 0.5, -6.0],
        },
      },
    },
  ],
  't: torch.Tensor, i: torch.Tensor -> alias = t\nt.scatter_(1, i, float("-inf"))\nreturn alias': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 4],
          data: [1.0, { float: '-inf' }, 2.0, 3.0, -1.0, 0.5, 4.0, { float: '-inf' }],
        },
      },
    },
  ],
  't: torch.Tensor, i: torch.Tensor -> t.gather(0, i)': [
    { ok: { ndarray: { dtype: 'int64', shape: [1, 3], data: [0, -7, -9] } } },
  ],
  't: torch.Tensor, i: torch.Tensor -> t.index_fill(0, i, 0)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, -7, 3, 0, 0, 0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0] } } },
    { error: { type: 'IndexError', message: 'index 2 is out of bounds for dimension 0 with size 2' } },
  ],
  't: torch.Tensor, i: torch.Tensor -> t.index_select(0, i)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 3], data: [4.0, 0.5, -6.0, 4.0, 0.5, -6.0, 1.0, -2.5, 3.0] } } },
    { error: { type: 'IndexError', message: 'index out of range in self' } },
    { error: { type: 'IndexError', message: 'index out of range in self' } },
  ],
  't: torch.Tensor, i: torch.Tensor -> t.scatter(1, i, 0.0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 0.0, 2.0, 3.0, -1.0, 0.5, 4.0, 0.0] } } },
  ],
  't: torch.Tensor, i: torch.Tensor -> torch.gather(t, -1, i)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [3.0, 1.0, 4.0, 4.0] } } },
    { error: { type: 'RuntimeError', message: 'index 4 is out of bounds for dimension 1 with size 4' } },
  ],
  't: torch.Tensor, i: torch.Tensor -> torch.index_fill(t, 1, i, -1.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.5, -2.5, -1.5, -1.5, 0.5, -1.5] } } },
  ],
  't: torch.Tensor, i: torch.Tensor -> torch.index_select(t, 1, i)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [3.0, 1.0, -6.0, 4.0] } } },
  ],
  't: torch.Tensor, i: torch.Tensor, s: torch.Tensor -> a = t\nr = t.scatter_add_(0, i, s)\nreturn a, r': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [4], data: [1.0, 4.0, 0.0, 1.0] } },
        { ndarray: { dtype: 'float32', shape: [4], data: [1.0, 4.0, 0.0, 1.0] } },
      ],
    },
  ],
  't: torch.Tensor, i: torch.Tensor, s: torch.Tensor -> a = t\nt.index_add_(0, i, s, alpha=-1)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 3.0, -0.5, -7.0] } } },
  ],
  't: torch.Tensor, i: torch.Tensor, s: torch.Tensor -> t.index_add(1, i, s)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.0, -2.5, 4.0, 8.0, 0.5, -3.0] } } },
    { error: { type: 'RuntimeError', message: 'index 5 is out of bounds for dimension 1 with size 3' } },
    {
      error: {
        type: 'RuntimeError',
        message: 'index_add_(): Number of indices (1) should be equal to source.size(dim): (2), for dim: 1',
      },
    },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [107, -7, 3, 200, 5, -9] } } },
  ],
  't: torch.Tensor, i: torch.Tensor, s: torch.Tensor -> t.scatter_add(1, i, s)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [5.0, -2.5, 3.0, 4.0, 4.5, -7.0] } } },
    { error: { type: 'RuntimeError', message: 'index 3 is out of bounds for dimension 1 with size 3' } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [37, 23, 3, 0, 5, -9] } } },
  ],
  't: torch.Tensor, i: torch.Tensor, s: torch.Tensor -> torch.index_add(t, 0, i, s, alpha=2)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 3.0, 14.0, 14.5, 12.0] } } },
  ],
  't: torch.Tensor, i: torch.Tensor, s: torch.Tensor -> torch.scatter_add(t, 0, i, s)': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [0.5, 3.0, 0.0, 1.0, 1.0] } } },
  ],
  't: torch.Tensor, m: torch.Tensor -> (t.dtype != m.dtype, t.dtype == t.dtype)': [{ ok: [true, true] }],
  't: torch.Tensor, m: torch.Tensor -> (t.masked_select(m.bool()), t.masked_select(t < 2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [4], data: [1.0, 3.0, 4.0, -6.0] } },
        { ndarray: { dtype: 'float32', shape: [4], data: [1.0, -2.5, 0.5, -6.0] } },
      ],
    },
  ],
  't: torch.Tensor, m: torch.Tensor -> m.to(t.dtype) * t': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 17.5, 9.0, 0.0, 2.5, 54.0] } } },
  ],
  't: torch.Tensor, m: torch.Tensor -> t[m] = 1.0\nreturn t': [
    {
      error: {
        type: 'IndexError',
        message:
          'The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [2, 4] at index 0',
      },
    },
  ],
  't: torch.Tensor, m: torch.Tensor -> torch.where(m, t, t * 2)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [0.5, 4.0, -1.5] } } },
  ],
  't: torch.Tensor, n: int -> out = torch.zeros((2, 4), dtype=torch.long)\nout[1, :n] = t[:n]\nreturn out': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 4], data: [0, 0, 0, 0, 7, 8, 0, 0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 4], data: [0, 0, 0, 0, 0, 0, 0, 0] } } },
    {
      error: {
        type: 'RuntimeError',
        message:
          'The expanded size of the tensor (4) must match the existing size (5) at non-singleton dimension 0.  Target sizes: [4].  Tensor sizes: [5]',
      },
    },
  ],
  't: torch.Tensor, o: torch.Tensor -> t.expand_as(o)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3, 2], data: [1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 2.0, -1.5, 0.5, 2.0, -1.5] } } },
  ],
  't: torch.Tensor, o: torch.Tensor -> t.reshape_as(o)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 2], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    { error: { type: 'RuntimeError', message: "shape '[3]' is invalid for input of size 6" } },
  ],
  't: torch.Tensor, o: torch.Tensor -> t.view_as(o)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3, 2], data: [1.0, -2.5, 3.0, 4.0, 0.5, -6.0] } } },
    { error: { type: 'RuntimeError', message: "shape '[3]' is invalid for input of size 6" } },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.add(u), t.add(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.0, -6.5, 3.5, 6.0, -3.5, -5.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.0, -0.5, 5.0, 6.0, 2.5, -4.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [9, -10, 7, 2, 2, -5] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [9, -5, 5, 2, 7, -7] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.div(u), t.div(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.625, 6.0, 2.0, -0.125, -12.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -1.25, 1.5, 2.0, 0.25, -3.0] } },
      ],
    },
    {
      ok: [
        {
          ndarray: {
            dtype: 'float32',
            shape: [2, 3],
            data: [3.5, 2.3333332538604736, 0.75, 0.0, -1.6666666269302368, -2.25],
          },
        },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, -3.5, 1.5, 0.0, 2.5, -4.5] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.divide(u), t.divide(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.625, 6.0, 2.0, -0.125, -12.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -1.25, 1.5, 2.0, 0.25, -3.0] } },
      ],
    },
    {
      ok: [
        {
          ndarray: {
            dtype: 'float32',
            shape: [2, 3],
            data: [3.5, 2.3333332538604736, 0.75, 0.0, -1.6666666269302368, -2.25],
          },
        },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, -3.5, 1.5, 0.0, 2.5, -4.5] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.floor_divide(u), t.floor_divide(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, 0.0, 6.0, 2.0, -1.0, -12.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, -2.0, 1.0, 2.0, 0.0, -3.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [3, 2, 0, 0, -2, -3] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [3, -4, 1, 0, 2, -5] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.mul(u), t.mul(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, 10.0, 1.5, 8.0, -2.0, -3.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, -5.0, 6.0, 8.0, 1.0, -12.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [14, 21, 12, 0, -15, -36] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [14, -14, 6, 0, 10, -18] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.multiply(u), t.multiply(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, 10.0, 1.5, 8.0, -2.0, -3.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, -5.0, 6.0, 8.0, 1.0, -12.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [14, 21, 12, 0, -15, -36] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [14, -14, 6, 0, 10, -18] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.remainder(u), t.remainder(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 0.0, 0.0, -3.5, -0.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 1.5, 1.0, 0.0, 0.5, -0.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, -1, 3, 0, -1, 3] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 1, 1, 0, 1, 1] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.sub(u), t.sub(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 1.5, 2.5, 2.0, 4.5, -6.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, -4.5, 1.0, 2.0, -1.5, -8.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [5, -4, -1, -2, 8, -13] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [5, -9, 1, -2, 3, -11] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.subtract(u), t.subtract(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 1.5, 2.5, 2.0, 4.5, -6.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, -4.5, 1.0, 2.0, -1.5, -8.0] } },
      ],
    },
    {
      ok: [
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [5, -4, -1, -2, 8, -13] } },
        { ndarray: { dtype: 'int64', shape: [2, 3], data: [5, -9, 1, -2, 3, -11] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (t.true_divide(u), t.true_divide(2))': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.625, 6.0, 2.0, -0.125, -12.0] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -1.25, 1.5, 2.0, 0.25, -3.0] } },
      ],
    },
    {
      ok: [
        {
          ndarray: {
            dtype: 'float32',
            shape: [2, 3],
            data: [3.5, 2.3333332538604736, 0.75, 0.0, -1.6666666269302368, -2.25],
          },
        },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, -3.5, 1.5, 0.0, 2.5, -4.5] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> (torch.equal(t, u), torch.equal(t, t.clone()))': [
    { ok: [false, true] },
    { ok: [true, true] },
  ],
  't: torch.Tensor, u: torch.Tensor -> a = t\nt.add_(u)\nt.add_(2)\nreturn a, t': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, 1.5, 3.5, 6.5, 4.5, -5.5] } },
        { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, 1.5, 3.5, 6.5, 4.5, -5.5] } },
      ],
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> a = t\nt.mul_(u)\nreturn a': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -5.0, -4.5, 2.0, 1.0, 9.0] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [49, 49, 9, 0, 25, 81] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> t.max(u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, 2.0, 3.0, 4.0, 2.0, -1.5] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> t.maximum(u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, -2.5, 3.0, 4.0, 5.0, -6.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> t.min(u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, -2.5, -1.5, 0.5, 0.5, -6.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> t.minimum(u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -7.0, 3.0, 0.0, 0.5, -9.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> t.sub_(u.mean()).div_(u.std())\nreturn t': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.3796631693840027, -1.6135685443878174, 1.5186527967453003, 2.0881476402282715, 0.09491579234600067,
            -3.6068003177642822,
          ],
        },
      },
    },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.add(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.0, -6.5, 3.5, 6.0, -3.5, -5.5] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.div(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.625, 6.0, 2.0, -0.125, -12.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.divide(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.625, 6.0, 2.0, -0.125, -12.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.floor_divide(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.0, 0.0, 6.0, 2.0, -1.0, -12.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.mul(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, 10.0, 1.5, 8.0, -2.0, -3.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.multiply(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [2.0, 10.0, 1.5, 8.0, -2.0, -3.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.remainder(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [1.0, -2.5, 0.0, 0.0, -3.5, -0.0] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.sub(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 1.5, 2.5, 2.0, 4.5, -6.5] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.subtract(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [-1.0, 1.5, 2.5, 2.0, 4.5, -6.5] } } },
  ],
  't: torch.Tensor, u: torch.Tensor -> torch.true_divide(t, u)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.5, 0.625, 6.0, 2.0, -0.125, -12.0] } } },
  ],
  't: torch.Tensor, w: torch.Tensor -> F.layer_norm(t, (3,), w, None, 1e-3)': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [
            0.1099746972322464, -2.639392852783203, -1.6496204137802124, 0.5430338382720947, 0.4826967418193817,
            1.991124153137207,
          ],
        },
      },
    },
  ],
  'x: float -> torch.as_tensor(x) * 2': [{ ok: 3.0 }],
  'x: float -> torch.full([3], x)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [0.25, 0.25, 0.25] } } },
    {
      ok: {
        ndarray: { dtype: 'float32', shape: [3], data: [{ float: '-inf' }, { float: '-inf' }, { float: '-inf' }] },
      },
    },
  ],
  'x: float -> torch.tensor(x) * 2': [{ ok: 3.0 }],
  'x: int -> torch.full((2,), x, dtype=torch.float64)': [
    { ok: { ndarray: { dtype: 'float64', shape: [2], data: [3.0, 3.0] } } },
  ],
  'x: torch.Tensor, p: torch.Tensor -> F.cross_entropy(x, p)': [{ ok: 2.0675716400146484 }],
  'x: torch.Tensor, p: torch.Tensor -> F.cross_entropy(x, p, reduction="none", label_smoothing=0.3)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [1.5193686485290527, 2.475774049758911] } } },
  ],
  'x: torch.Tensor, t: torch.Tensor -> F.binary_cross_entropy_with_logits(x, t)': [
    { ok: 0.8225736021995544 },
    { ok: 51.5242919921875 },
    {
      error: {
        type: 'ValueError',
        message: 'Target size (torch.Size([3])) must be the same as input size (torch.Size([2, 3]))',
      },
    },
  ],
  'x: torch.Tensor, t: torch.Tensor, pw: torch.Tensor -> F.binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction="none")':
    [
      {
        ok: {
          ndarray: {
            dtype: 'float32',
            shape: [2, 3],
            data: [
              0.6265233755111694, 0.07888984680175781, 0.024293676018714905, 4.0181498527526855, 0.4740769863128662,
              0.002475738525390625,
            ],
          },
        },
      },
    ],
  'x: torch.Tensor, t: torch.Tensor, w: torch.Tensor -> F.binary_cross_entropy_with_logits(x, t, weight=w, reduction="sum")':
    [{ ok: 13.924846649169922 }],
  'x: torch.Tensor, y: torch.Tensor -> F.cross_entropy(x, y)': [
    { ok: 2.46757173538208 },
    { ok: 0.22580209374427795 },
    { error: { type: 'ValueError', message: 'Expected input batch_size (2) to match target batch_size (0).' } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.cross_entropy(x, y, ignore_index=0, reduction="sum")': [
    { ok: 1.9643688201904297 },
    { ok: 0.0 },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.cross_entropy(x, y, label_smoothing=0.2, reduction="none").tolist()': [
    { ok: [1.8310354948043823, 0.0] },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.cross_entropy(x, y, reduction="none")': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [1.9643688201904297, 2.9707744121551514] } } },
    { error: { type: 'IndexError', message: 'Target 5 is out of bounds.' } },
    { error: { type: 'ValueError', message: 'Expected input batch_size (2) to match target batch_size (3).' } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.cross_entropy(x, y, reduction="none").tolist()': [
    { ok: [[0.5549569725990295, 0.35269895195961]] },
    { error: { type: 'RuntimeError', message: 'Expected target size [1, 2], got [1, 3]' } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.cross_entropy(x, y.float())': [
    { error: { type: 'RuntimeError', message: 'expected target dtype to be Long or Byte, but got Float' } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.huber_loss(x, y)': [{ ok: 0.7291666865348816 }],
  'x: torch.Tensor, y: torch.Tensor -> F.kl_div(F.log_softmax(x, dim=-1), F.softmax(y, dim=-1), reduction="batchmean")':
    [{ ok: 0.3574272394180298 }],
  'x: torch.Tensor, y: torch.Tensor -> F.kl_div(x, y, reduction="none", log_target=True)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [0.3032653331756592, 0.6455608606338501] } } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.kl_div(x, y, reduction="sum")': [
    { ok: 0.1534264087677002 },
    { ok: { float: 'nan' } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.l1_loss(x, y)': [{ ok: 1.0833333730697632 }, { ok: 2.8333332538604736 }],
  'x: torch.Tensor, y: torch.Tensor -> F.l1_loss(x, y, reduction="sum")': [{ ok: 6.5 }],
  'x: torch.Tensor, y: torch.Tensor -> F.mse_loss(x, y)': [{ ok: 2.2916667461395264 }, { ok: 12.583333015441895 }],
  'x: torch.Tensor, y: torch.Tensor -> F.mse_loss(x, y, reduction="none")': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [0.25, 0.25, 4.0, 0.25, 0.0, 9.0] } } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.mse_loss(x, y.long(), reduction="sum")': [{ ok: 13.5 }],
  'x: torch.Tensor, y: torch.Tensor -> F.nll_loss(F.log_softmax(x, dim=-1), y)': [
    { ok: 2.46757173538208 },
    { error: { type: 'IndexError', message: 'Target 3 is out of bounds.' } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.nll_loss(x, y, reduction="none")': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [-0.5, -0.10000000149011612] } } },
  ],
  'x: torch.Tensor, y: torch.Tensor -> F.smooth_l1_loss(x, y)': [{ ok: 0.7291666865348816 }],
  'x: torch.Tensor, y: torch.Tensor -> F.smooth_l1_loss(x, y, beta=0)': [{ ok: 1.0833333730697632 }],
  'x: torch.Tensor, y: torch.Tensor -> F.smooth_l1_loss(x, y, beta=2.5, reduction="none")': [
    {
      ok: {
        ndarray: {
          dtype: 'float32',
          shape: [2, 3],
          data: [0.05000000074505806, 0.05000000074505806, 0.800000011920929, 0.05000000074505806, 0.0, 1.75],
        },
      },
    },
  ],
  'x: torch.Tensor, y: torch.Tensor -> logits = x[:-1]\nreturn math.exp(F.cross_entropy(logits, y[1:]).item())': [
    { ok: 2.5789406014447036 },
  ],
  'x: torch.Tensor, y: torch.Tensor, b: float -> F.smooth_l1_loss(x, y, beta=b)': [
    { error: { type: 'RuntimeError', message: 'smooth_l1_loss does not support negative values for beta.' } },
  ],
  'x: torch.Tensor, y: torch.Tensor, d: float -> F.huber_loss(x, y, delta=d, reduction="sum")': [
    { ok: 6.75 },
    { error: { type: 'RuntimeError', message: 'huber_loss does not support non-positive values for delta.' } },
  ],
  'x: torch.Tensor, y: torch.Tensor, w: torch.Tensor -> F.cross_entropy(x, y, weight=w, label_smoothing=0.1)': [
    { ok: 2.6945085525512695 },
    {
      error: {
        type: 'RuntimeError',
        message:
          'weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]',
      },
    },
  ],
  'x: torch.Tensor, y: torch.Tensor, w: torch.Tensor -> F.nll_loss(x, y, weight=w, ignore_index=2)': [
    { ok: -1.6200001239776611 },
  ],
  'xs: list[float] -> torch.as_tensor(xs)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [0.5, -1.25] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [0], data: [] } } },
  ],
  'xs: list[float] -> torch.tensor(xs)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2], data: [0.5, -1.25] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [0], data: [] } } },
  ],
  'xs: list[int] -> torch.as_tensor(xs, dtype=torch.float32)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [1.0, 2.0, 3.0] } } },
  ],
  'xs: list[int] -> torch.tensor(xs, dtype=torch.float32)': [
    { ok: { ndarray: { dtype: 'float32', shape: [3], data: [1.0, 2.0, 3.0] } } },
  ],
  'xs: list[list[int]] -> torch.as_tensor(xs)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 2], data: [1, 2, 3, 4] } } },
    { error: { type: 'ValueError', message: 'expected sequence of length 1 at dim 1 (got 2)' } },
  ],
  'xs: list[list[int]] -> torch.tensor(xs)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2, 2], data: [1, 2, 3, 4] } } },
    { error: { type: 'ValueError', message: 'expected sequence of length 1 at dim 1 (got 2)' } },
  ],
  'xs: list[list[list[float]]] -> torch.as_tensor(xs).sum(1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [1, 2], data: [4.0, 6.5] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 1], data: [0.5, 1.5] } } },
  ],
  'xs: list[list[list[float]]] -> torch.tensor(xs).sum(1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [1, 2], data: [4.0, 6.5] } } },
    { ok: { ndarray: { dtype: 'float32', shape: [2, 1], data: [0.5, 1.5] } } },
  ],
};
