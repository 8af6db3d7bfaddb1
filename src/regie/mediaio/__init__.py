# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media I/O: the adapter that reads and writes camera and sound files on disk.

Verified offload with hashing and ASC MHL, probing (PyAV, pymediainfo), full-decode
analysis through FFmpeg filter graphs, Broadcast WAV metadata. The media phase
(:mod:`regie.media`) holds the pure rules these results are judged by.
"""
