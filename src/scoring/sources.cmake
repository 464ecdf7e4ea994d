# Sources of the assessment and scoring layer, relative to src/.
list(APPEND SAMATTHANA_SOURCES
  io/csv.cpp
  scoring/profile_json.cpp
  scoring/tables.cpp
  scoring/builders.cpp
  scoring/cohort.cpp
  scoring/output.cpp)
