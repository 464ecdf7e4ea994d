# Sources of the streaming layer (chunked reading and scoring of large files), relative to src/.
list(APPEND SAMATTHANA_SOURCES
  stream/ratings_stream.cpp
  stream/score_stream.cpp
  stream/summary.cpp)
