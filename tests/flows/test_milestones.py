"""flows/milestones.py: the names that purge and the timeline use for callflow's flows."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from prefect import Flow

import flows
from flows.milestones import CALLFLOW_FLOWS, FLOW_PATHS, load_flow

pytestmark = pytest.mark.unit


def test_callflow_flows_names_every_flow_in_the_package():
    defined = set()
    for module in pkgutil.iter_modules(flows.__path__):
        loaded = importlib.import_module(f"flows.{module.name}")
        defined |= {value.name for value in vars(loaded).values() if isinstance(value, Flow)}
    assert defined == CALLFLOW_FLOWS


def test_flow_paths_load_the_flow_of_that_name():
    assert {name: load_flow(name).name for name in FLOW_PATHS} == {name: name for name in FLOW_PATHS}
