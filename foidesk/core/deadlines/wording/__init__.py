"""Every sentence the deadline engine writes, gathered in one module per stage.

Explanations are read by people, and later in more than one language: keeping
each stage's sentences together, as templates with named fields, means a
translation replaces these modules and touches no counting code.
"""
