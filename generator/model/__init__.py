"""Stage 2, model: typed objects for a case, validated against its house's register.

``plan`` holds the building blocks of the plan format (each kind of paper's own
model is in :mod:`generator.kinds`), ``register`` a house's organisation register,
``checks`` the checks every plan file gets; ``messages`` and ``hints`` word the problems.
"""
