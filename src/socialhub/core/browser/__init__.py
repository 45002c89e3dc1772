"""What every SocialHub view page shares in the Classic UI.

Dates and numbers in the page's locale (:mod:`.formatting`), taxonomy terms
as links to their section's filtered listing and country names
(:mod:`.terms`), and :class:`.records.RecordView`, the base of each type's
view: relation cards, rows of people, vocabulary titles and contact details
for those allowed, rendered by the macros of ``templates/record_macros.pt``.
"""
