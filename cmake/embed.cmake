# Turns one data file into a C++ source holding its bytes. Run at build time (cmake -P).
file(READ "${IN}" _hex HEX)
string(LENGTH "${_hex}" _len)
math(EXPR _bytes "${_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," _arr "${_hex}")
file(WRITE "${OUT}" "// Generated from data/${NAME} by cmake/embed.cmake. Do not edit.
#include \"io/embedded.hpp\"
namespace samatthana::detail {
static const char ${IDENT}_bytes[] = {${_arr} 0};
extern const EmbeddedFile ${IDENT};
const EmbeddedFile ${IDENT}{\"${NAME}\", std::string_view(${IDENT}_bytes, ${_bytes})};
}  // namespace samatthana::detail
")
