# Sources of the text layer (ICU lives here), relative to src/.
list(APPEND SAMATTHANA_SOURCES
  text/normalize.cpp)
