"""What SocialHub content types share: behaviours and the blocks of schemata.

Behaviours that several types list in their FTI (``socialhub.contact``,
``socialhub.web``, ``socialhub.languages``) are registered in
``configure.zcml``. A concept whose fields have a name, a title or a help
text of their own in each type (the organisations an item relates to, its
materials, its people, its period) is one module here that builds the field
and declares, in one directive, what every such field has: its widget, its
language-independence, its place in SearchableText. The field then stays in
its type's schema, so the type's REST schema (``@types``, whose every
property names the schema it comes from) and its stored values do not
change.
"""
