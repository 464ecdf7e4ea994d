# Streaming (src/stream): the whole-file and the streaming scorer as programs, measured by
# bench_scale.py under /usr/bin/time -v.
add_executable(bench_stream ${CMAKE_CURRENT_LIST_DIR}/bench_stream.cpp)
target_link_libraries(bench_stream PRIVATE samatthana::samatthana samatthana_warnings)
