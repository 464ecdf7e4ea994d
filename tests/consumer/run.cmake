# Configures, builds and runs the consumer project in one MODE (called by ctest).
set(_args -S ${SOURCE_DIR}/tests/consumer -B ${BINARY_DIR} -G ${GENERATOR} -DMODE=${MODE}
          -DCMAKE_PREFIX_PATH=${PREFIX} -DSAMATTHANA_SOURCE_DIR=${SOURCE_DIR})
# The installed-package consumers configure afresh each run (cached pkg-config/find_package
# results must not hide a broken package); add_subdirectory stays incremental (it builds the library).
if(NOT MODE STREQUAL "add_subdirectory")
  file(REMOVE_RECURSE "${BINARY_DIR}")
endif()
if(MODE STREQUAL "pkg_config")
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/lib/pkgconfig:${PREFIX}/lib/x86_64-linux-gnu/pkgconfig")
  # pkg-config gives no run path: a shared libsamatthana is found as an installed one would be.
  set(ENV{LD_LIBRARY_PATH} "${PREFIX}/lib:${PREFIX}/lib/x86_64-linux-gnu")
endif()
foreach(_step configure build run)
  if(_step STREQUAL "configure")
    execute_process(COMMAND ${CMAKE_COMMAND} ${_args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  elseif(_step STREQUAL "build")
    execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  else()
    execute_process(COMMAND ${BINARY_DIR}/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer (${MODE}) ${_step} failed (${rc}):\n${out}")
  endif()
endforeach()
message(STATUS "consumer (${MODE}) output:\n${out}")
if(NOT out MATCHES "integrity 5" OR NOT out MATCHES "service 6" OR NOT out MATCHES "คุณธรรมจริยธรรม"
   OR NOT out MATCHES "caught LookupError")
  message(FATAL_ERROR "consumer (${MODE}) printed unexpected output:\n${out}")
endif()
