/**
 * Expected outcomes of the torch-only reference tests, recorded from PyTorch by
 * `tools/tensor/record_torch.py` (torch 2.15.0; CI has no torch). Generated; do not edit.
 * Keyed by `recordKey(test)` in torch.ts; each value holds one outcome per sample.
 */
export const RECORDED: Record<string, unknown[]> = {
  'a: int, b: int, s: int -> torch.arange(a, b, s)': [
    { ok: { ndarray: { dtype: 'int64', shape: [4], data: [0, 3, 6, 9] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [4], data: [10, 7, 4, 1] } } },
    { error: { type: 'RuntimeError', message: 'step must be nonzero' } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> a / b': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [3.5, -1.75, 1.0, 0.0, 1.25, -3.0] } } },
  ],
  'a: torch.Tensor, b: torch.Tensor -> torch.cat((a, b))': [
    { ok: { ndarray: { dtype: 'float32', shape: [5], data: [0.5, 2.0, -1.5, 1.0, 2.0] } } },
  ],
  'h: torch.Tensor, m: torch.Tensor -> mask = m.unsqueeze(-1).expand(h.size()).float()\nreturn torch.sum(h * mask, 1) / torch.clamp(mask.sum(1), min=1e-9)':
    [{ ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [2.0, 3.0, -1.0, 0.5] } } }],
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
  'm: torch.Tensor, i: torch.Tensor -> torch.scatter(m, 1, i, m)': [
    { ok: { ndarray: { dtype: 'bool', shape: [1, 3], data: [true, false, false] } } },
  ],
  'n: int -> torch.arange(n)': [
    { ok: { ndarray: { dtype: 'int64', shape: [4], data: [0, 1, 2, 3] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [0], data: [] } } },
    { error: { type: 'RuntimeError', message: 'upper bound and lower bound inconsistent with step sign' } },
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
  't: torch.Tensor -> t.argmax(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } }],
  't: torch.Tensor -> t.clamp(min=0.5)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 3], data: [7.0, 0.5, 3.0, 0.5, 5.0, 0.5] } } },
  ],
  't: torch.Tensor -> t.cumsum(0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, 0.0, 3.5, 6.0, 3.0] } } },
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
  't: torch.Tensor -> t.squeeze(0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 3.0, 2.0, 3.0, -1.0, 0.5, 4.0, 0.0] } } },
  ],
  't: torch.Tensor -> t.sum(1)': [{ ok: { ndarray: { dtype: 'int64', shape: [2], data: [3, -4] } } }],
  't: torch.Tensor -> t.topk(1, dim=0, largest=False)': [
    {
      ok: [
        { ndarray: { dtype: 'float32', shape: [1, 4], data: [-1.0, 0.5, 2.0, 0.0] } },
        { ndarray: { dtype: 'int64', shape: [1, 4], data: [1, 1, 0, 1] } },
      ],
    },
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
  't: torch.Tensor -> torch.arange(t.shape[0], device=t.device)': [
    { ok: { ndarray: { dtype: 'int64', shape: [2], data: [0, 1] } } },
  ],
  't: torch.Tensor -> torch.cumsum(t, dim=-1)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 4.0, 6.0, 9.0, -1.0, -0.5, 3.5, 3.5] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [7, 0, 3, 0, 5, -4] } } },
    { ok: { ndarray: { dtype: 'int64', shape: [2, 3], data: [1, 2, 2, 1, 1, 1] } } },
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
  't: torch.Tensor -> torch.squeeze(t)': [{ ok: { ndarray: { dtype: 'float32', shape: [3], data: [1.0, 2.0, 3.0] } } }],
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
  't: torch.Tensor, i: torch.Tensor -> t.scatter(1, i, 0.0)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 4], data: [1.0, 0.0, 2.0, 3.0, -1.0, 0.5, 4.0, 0.0] } } },
  ],
  't: torch.Tensor, i: torch.Tensor -> torch.gather(t, -1, i)': [
    { ok: { ndarray: { dtype: 'float32', shape: [2, 2], data: [3.0, 1.0, 4.0, 4.0] } } },
    { error: { type: 'RuntimeError', message: 'index 4 is out of bounds for dimension 1 with size 4' } },
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
};
