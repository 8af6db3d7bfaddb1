# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background work. Every use case of this slice runs in-process inside its request or
command; the media jobs of the rushes issue (offload, QC) will run here, in-process by
default and on a task queue over Redis when a broker is configured."""
