# Library sources, relative to src/. Each layer keeps its own list.
set(SAMATTHANA_SOURCES
  model/validate.cpp
  io/file.cpp
  io/output.cpp
  io/json.cpp
  io/framework_json.cpp
  io/correspondence.cpp
  io/case.cpp
  io/validate.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/text/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/scoring/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/io/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/report/sources.cmake OPTIONAL)
# Lists owned by later layers (appraisal: KPIs, calibration; stream: chunked reading; formats: encodings, xlsx).
include(${CMAKE_CURRENT_LIST_DIR}/appraisal/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/audit/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/stream/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/activities/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/io/formats.cmake OPTIONAL)
