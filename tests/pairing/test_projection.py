"""The projection launches are compared through (meaning.py): it keeps what tells labelled kinds
apart and drops how each launch happened to be told."""

import numpy as np

from verdicts.pairing.meaning import DIMENSIONS, discriminant, project, store, whitening


def _two_kinds(seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Two kinds 1.0 apart along axis 0; along eight more axes every launch varies fifty times as
    much (its wording). Unlabelled rows ("" = none) sit anywhere."""
    rng = np.random.default_rng(seed)
    rows, kinds = [], []
    for kind, centre in (("tts", -0.5), ("vector-database", 0.5)):
        for _ in range(40):
            rows.append([centre + rng.normal(0, 0.1), *rng.normal(0, 5.0, size=8)])
            kinds.append(kind)
    for _ in range(10):
        rows.append(list(rng.normal(0, 2.0, size=9)))
        kinds.append("")
    return np.asarray(rows, dtype=np.float32), kinds


def test_the_discriminant_direction_is_the_one_that_tells_kinds_apart():
    rows, kinds = _two_kinds()
    kept = discriminant(rows, kinds, shrink=0.0, dims=1)
    assert kept.shape == (9, 1)
    direction = kept[:, 0] / np.linalg.norm(kept[:, 0])
    # Axis 0 carries the kinds; the loud wording axes are dropped, not kept for their variance.
    assert abs(direction[0]) > 0.99


def test_after_the_projection_each_launch_is_nearest_a_launch_of_its_own_kind():
    rows, kinds = _two_kinds(seed=1)
    labelled = [i for i, k in enumerate(kinds) if k]

    def own_kind_nearest(vectors: np.ndarray) -> float:
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        sim = unit[labelled] @ unit[labelled].T
        np.fill_diagonal(sim, -np.inf)
        nearest = sim.argmax(axis=1)
        return float(
            np.mean([kinds[labelled[i]] == kinds[labelled[j]] for i, j in enumerate(nearest)])
        )

    centre = rows.mean(axis=0)
    raw = own_kind_nearest(rows - centre)
    kept = discriminant(rows - centre, kinds, shrink=0.0, dims=1)
    cut = own_kind_nearest(project(rows, centre, kept))
    # Raw cosines follow the wording axis; the projection restores the kinds.
    assert raw < 0.75
    assert cut == 1.0


def test_the_whitening_alone_keeps_every_direction_and_the_store_keeps_DIMENSIONS():
    rows, kinds = _two_kinds()
    assert whitening(rows, kinds).shape == (9, 9)
    packaged = store()
    assert packaged.projection.shape == (768, DIMENSIONS)
    assert packaged.vectors.shape[1] == DIMENSIONS
    assert np.allclose(np.linalg.norm(packaged.vectors, axis=1), 1.0, atol=1e-4)
