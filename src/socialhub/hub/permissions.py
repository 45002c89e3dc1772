"""Permissions of the project hub.

Ids are registered in configure.zcml, roles in profiles/default/rolemap.xml.
"""

#: Who creates verification partners and sets their scope (the secretariat).
ManageVerificationPartners = "socialhub: Manage verification partners"
MANAGE_VERIFICATION_PARTNERS_ID = "socialhub.ManageVerificationPartners"

#: Who works through the reports queue and decides on reports.
ManageReports = "socialhub: Manage reports"
MANAGE_REPORTS_ID = "socialhub.ManageReports"
