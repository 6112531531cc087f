import torch


def f(t: torch.Tensor, u: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    # error: E0301
    norms = t.norm(p="fro")
    # error: E0301
    on_gpu = t.to("cuda")
    # error: E0301
    batched = torch.einsum("...ij,...jk->...ik", t, u)
    # error: E0301
    float_mask = t.float() & (t > 0)
    return norms, on_gpu, batched, float_mask
