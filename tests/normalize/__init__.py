"""Tests of app.normalize (a package, so test module names cannot clash with other test folders)."""
