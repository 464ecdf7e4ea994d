# Formats layer (relative to src/): text encodings through ICU converters, .xlsx read (minizip +
# expat) and written (libxlsxwriter). Included by src/sources.cmake.
list(APPEND SAMATTHANA_SOURCES
  io/encoding.cpp
  io/xlsx_read.cpp
  io/xlsx_write.cpp)
