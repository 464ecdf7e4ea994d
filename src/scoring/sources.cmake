# Sources of the assessment and scoring layer, relative to src/: rules that take and return values
# (no file, CSV or JSON: those are the I/O layer's, src/io/sources.cmake).
list(APPEND SAMATTHANA_SOURCES
  scoring/builders.cpp
  scoring/cohort.cpp)
