"""The Classic UI's add and edit forms of SocialHub's types: the widgets of
its people, taxonomy and relation fields."""
