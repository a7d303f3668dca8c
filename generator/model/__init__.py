"""Stage 2, model: typed objects for a case, validated against its house's register.

``plan`` holds the plan format, ``register`` a house's organisation register,
``case`` reads a whole case folder; ``messages`` and ``hints`` word the problems.
"""
