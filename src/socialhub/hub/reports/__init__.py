"""Reports of wrong, offensive or duplicate entries, and the reviewers' queue.

Anyone may report an organisation, a person or an initiative (``@report``,
the page's "Report" link); reviewers decide in the reports queue
(``@reports``, ``@@reports-queue``). Once enough distinct reporters have an
open report on an entry, it is hidden until a reviewer decides.
"""
