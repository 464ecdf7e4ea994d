# The older raw-pointer forms are [[deprecated]] (docs/guide.md, "One ownership style"): compiles
# tests/consumer/deprecated_use.cpp and checks that each old call, and only those, warns.
# -DCXX=compiler -DSOURCE_DIR=... -DBINARY_DIR=... -DEXPECTED=number of old calls
execute_process(
  COMMAND ${CXX} -std=c++20 -fsyntax-only -Wdeprecated-declarations
          -I${SOURCE_DIR}/include -I${BINARY_DIR}/include
          ${SOURCE_DIR}/tests/consumer/deprecated_use.cpp
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "deprecated_use.cpp does not compile:\n${err}")
endif()
# Only -Wdeprecated-declarations is on, so every warning is a deprecation; each must also say so.
string(REGEX MATCHALL "deprecated_use.cpp:[0-9]+:[0-9]+: warning: " hits "${err}")
string(REGEX MATCHALL "is deprecated: use " uses "${err}")
list(LENGTH uses n_uses)
list(LENGTH hits n)
if(NOT n EQUAL EXPECTED OR NOT n_uses EQUAL EXPECTED)
  message(FATAL_ERROR "expected ${EXPECTED} deprecation warnings, got ${n}:\n${err}")
endif()
file(READ ${SOURCE_DIR}/tests/consumer/deprecated_use.cpp src)
string(REPLACE ";" "," src "${src}")  # a list of its lines: no ';' inside one
string(REPLACE "\n" " ;" lines "${src}")  # " ;": no empty element to lose
foreach(h IN LISTS hits)
  string(REGEX MATCH "deprecated_use.cpp:([0-9]+):" _ "${h}")
  math(EXPR i "${CMAKE_MATCH_1} - 1")
  list(GET lines ${i} line)
  if(NOT line MATCHES "// deprecated")
    message(FATAL_ERROR "a warning on a line that is not an old form: ${h}\n${line}")
  endif()
endforeach()
message(STATUS "${n} deprecation warnings, one per old form")
