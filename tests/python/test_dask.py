"""samatthana.dask on a real dask.distributed cluster started here (2 worker processes, one thread
each): scores identical to single-process score(), summaries reduced across partitions equal to
summarize(), errors from the workers located, a person in two partitions found. Small data; the
cluster's start is most of the time. See docs/scale.md."""
from __future__ import annotations

import os
import pathlib
import sys

import numpy as np
import pandas as pd
import pytest

import samatthana

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import samatthana.dask as sd  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="module")
def client():
    # The workers are new processes: they find the built module as this process does.
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [p for p in sys.path if p and (pathlib.Path(p) / "samatthana").is_dir()] + [os.environ.get("PYTHONPATH", "")])
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                       silence_logs=40)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


@pytest.fixture(scope="module")
def ratings():
    df = samatthana.read_ratings(SAMPLES / "ratings.csv")
    res = pd.read_csv(SAMPLES / "results.csv")
    df = df.merge(res[["person_id", "results"]], on="person_id", how="left")
    df.index = pd.RangeIndex(1000, 1000 + len(df))  # labels that are not positions
    return df


def test_the_workers_are_processes(client):
    pids = client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values()


@pytest.mark.parametrize("framework", [None, "object"])
def test_scores_identical_to_single_process(client, ratings, framework):
    fw = samatthana.bma_core() if framework == "object" else None
    ddf = dd.from_pandas(ratings, npartitions=5)
    scored = sd.score(ddf, framework=fw, missing="zero", method="bar")
    assert list(scored.columns) == list(scored._meta.columns)
    got = scored.compute()
    want = samatthana.score(ratings, framework=fw, missing="zero", method="bar")
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert scored._meta.attrs["bands"] == want.attrs["bands"]


@pytest.mark.parametrize("by", ["unit", "position", None])
def test_summaries_reduced_across_partitions(client, ratings, by):
    scored = sd.score(dd.from_pandas(ratings, npartitions=7), missing="zero")
    got = sd.summarize(scored, by=by)
    want = samatthana.summarize(samatthana.score(ratings, missing="zero"), by=by)
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
    # counts and shares exactly
    for col in ["people", "share_meeting_all"] + [b for b in want.attrs.get("bands", []) if b in want]:
        assert (got[col] == want[col]).all()
    assert got["people"].sum() == len(ratings)


def test_a_bad_row_raises_its_located_error_from_the_worker(client, ratings):
    bad = ratings.copy()
    bad.loc[1250, "integrity"] = 9
    with pytest.raises(samatthana.ValidationError) as e:
        sd.score(dd.from_pandas(bad, npartitions=4), missing="zero").compute()
    assert e.value.index == 1250 and e.value.path == "integrity" and "1250" in str(e.value)


def test_a_person_in_two_partitions_is_found(client, ratings):
    twice = pd.concat([ratings, ratings.iloc[[3]].set_axis([5000])])
    scored = sd.score(dd.from_pandas(twice, npartitions=3, sort=False), missing="zero")
    with pytest.raises(samatthana.ValidationError) as e:
        sd.summarize(scored)
    assert e.value.value == ratings["person_id"].iloc[3] and e.value.index == 5000


def test_results_dataframe_is_refused():
    ddf = dd.from_pandas(pd.DataFrame({"person_id": ["A"], "position": ["K2"]}), npartitions=1)
    with pytest.raises(samatthana.ValidationError):
        sd.score(ddf, results=pd.DataFrame({"person_id": ["A"], "results": [50.0]}))
    with pytest.raises(samatthana.ValidationError):
        sd.summarize(sd.score(dd.from_pandas(pd.DataFrame(
            {"person_id": ["A"], "position": ["K2"], **{c: [1] for c in
             ["integrity", "service", "achievement", "teamwork", "expertise"]}}), npartitions=1)), by="nope")


def test_empty_partitions_keep_the_declared_dtypes(client, ratings):
    ddf = dd.from_pandas(ratings, npartitions=4)
    empty = ddf[ddf["unit"] == "no such unit"]
    got = sd.score(empty, missing="zero").compute()
    assert len(got) == 0
    assert dict(got.dtypes) == dict(sd.score(ddf, missing="zero")._meta.dtypes)
    assert got["integrity_held"].dtype == np.int8


def test_the_other_part_on_the_cluster(client, ratings):
    """A scheme with an other part (60/30/10): the `other` column read on the workers, the result's
    other and other_points columns declared in meta (an empty partition too) and equal to score()."""
    profile = str(SAMPLES / "profile-other.json")
    res = pd.read_csv(SAMPLES / "results-other.csv", encoding="utf-8-sig")
    df = ratings.drop(columns=["results"]).merge(res[["person_id", "results", "other"]], on="person_id",
                                                 how="left")
    df.index = pd.RangeIndex(2000, 2000 + len(df))
    ddf = dd.from_pandas(df, npartitions=3)
    scored = sd.score(ddf, profile=profile, missing="zero")
    want = samatthana.score(df, profile=profile, missing="zero")
    assert list(scored._meta.columns) == list(want.columns)
    assert {"other", "other_points"} <= set(want.columns)
    pd.testing.assert_frame_equal(scored.compute(), want, check_exact=True)
    empty = sd.score(ddf[ddf["unit"] == "no such unit"], profile=profile, missing="zero")
    got = empty.compute()
    assert len(got) == 0 and list(got.columns) == list(want.columns)
    assert dict(got.dtypes) == dict(scored._meta.dtypes)
