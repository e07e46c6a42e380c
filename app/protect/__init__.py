"""Personal data at rest (issue 7): field encryption, the database data key and who holds it."""
