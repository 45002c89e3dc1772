"""The project hub: how organisations come in and are trusted.

Self-registration of organisations and initiatives, invitations by the
secretariat, third-party verification by partner organisations, and reports
of wrong or offensive entries.
"""
