"""The words the calculator pages of the book show around each calculator.

One module per calculator, with the calculator's stem: `pages.washout` for
`alemtuzumab_kb.washout`, and so on. Each imports its calculator and never the other way round,
so a change of wording touches no module that works out a date or a number. The notebooks in
book/calculators/ display what these functions return: MyST, with ``{ref}`` links to the source
chapters and ``{cite:p}`` citations.
"""
