# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schedule phase (plan de travail).

The board itself (``model``, ``evaluate``, ``dood``, ``board_edit``, ``timing``…) and the
day-by-day optimiser (``optimize*``, ``worktime``) are described in their own modules.
The shooting-order core:

* ``sequencing_model`` — the sequencing problem's records (strips, cast with daily rates,
  locations with the cost of an extra visit, precedences, locked strips), validated;
* ``sequencing_cost`` — what an order costs (idle/hold cost + location cost), by definition;
* ``sequencing`` — ``solve()``: preprocessing (``sequencing_compile``), a greedy + local
  search incumbent (``sequencing_local``), then an exact A* over sets of scheduled strips
  with admissible bounds and dominance rules (``sequencing_bounds``, ``sequencing_search``)
  that proves optimality or reports a lower bound when the time runs out;
* ``instances`` — the shared talent-scheduling benchmark JSON form read into a problem;
* ``cpsat_baseline`` — the plain OR-Tools CP-SAT model the benchmark compares against.

Pure: no I/O, no database; the only clock read is the solver's time limit (injectable).
"""
