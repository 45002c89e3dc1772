"""The Classic UI of the courses plugin: the Course and CourseModule view pages."""
