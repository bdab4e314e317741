"""roledex: open career intelligence for AI, ML and data roles.

The data flows one way through the sub-packages:

    ingest -> normalize -> extract -> store -> analytics -> render / web / cli

`normalize` and `extract` are pure functions of (record, taxonomy); everything that touches files,
databases or settings lives at the edges.
"""

__version__ = "0.1.0"
