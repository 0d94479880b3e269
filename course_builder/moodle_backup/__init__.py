"""The course as a Moodle 4.5 course backup (.mbz): plan, files, XML and archive. See docs/moodle-backup.md."""
