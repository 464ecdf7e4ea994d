# I/O of the assessment and scoring layer, relative to src/: the CSV reader and writer, the
# ratings / evidence / results readers, the scores writers and the profile files.
list(APPEND SAMATTHANA_SOURCES
  io/csv.cpp
  io/ratings_csv.cpp
  io/scores_out.cpp
  io/profile_json.cpp)
