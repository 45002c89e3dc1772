"""Creating and editing content over REST: ids and translations checked first."""
