# Sources of the text layer (ICU lives here), relative to src/.
list(APPEND SAMATTHANA_SOURCES
  text/utf8.cpp
  text/normalize.cpp
  text/numbers.cpp
  text/cell_numbers.cpp
  text/date.cpp
  text/collator.cpp
  text/segment.cpp
  text/search.cpp
  text/similarity.cpp)
