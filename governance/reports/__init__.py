"""The G7 report: produced each quarter by the steering group from every app's section, kept as a PDF,
sent to G7."""
