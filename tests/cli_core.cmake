# CLI tests of the core utility sub-commands (abi, keccak, rlp), run on the
# built `suture` binary. Label "unit": they need no node and no network.

set(_hello_words
  "0000000000000000000000000000000000000000000000000000000000000001"
  "0000000000000000000000000000000000000000000000000000000000000040"
  "0000000000000000000000000000000000000000000000000000000000000005"
  "68656c6c6f000000000000000000000000000000000000000000000000000000")
string(JOIN "" _hello_enc ${_hello_words})
string(REPEAT "0" 62 _z62)  # CMake regexes have no {n} repetition
string(REPEAT "0" 63 _z63)

# suture_cli_test(NAME EXPECT regex ARGS ...): exits 0 and prints output matching regex.
function(suture_cli_test name)
  cmake_parse_arguments(ARG "" "EXPECT" "ARGS" ${ARGN})
  add_test(NAME cli_${name} COMMAND $<TARGET_FILE:suture> ${ARG_ARGS})
  set_tests_properties(cli_${name} PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "${ARG_EXPECT}")
endfunction()

# suture_cli_rejects(NAME ARGS ...): exits exactly 2 with a single line of output.
function(suture_cli_rejects name)
  cmake_parse_arguments(ARG "" "" "ARGS" ${ARGN})
  add_test(NAME cli_${name} COMMAND sh -c
    "out=$(\"$0\" \"$@\" 2>&1); rc=$?; echo \"$out\"; [ $rc -eq 2 ] && [ $(printf '%s\\n' \"$out\" | wc -l) -eq 1 ]"
    $<TARGET_FILE:suture> ${ARG_ARGS})
  set_tests_properties(cli_${name} PROPERTIES LABELS "unit;cli")
endfunction()

# The issue's acceptance example: the exact Solidity encoding, and its round trip.
suture_cli_test(abi_encode_f_uint_string EXPECT "^0x${_hello_enc}\n$"
  ARGS abi encode "f(uint256,string)" 1 hello)
suture_cli_test(abi_decode_f_uint_string EXPECT "^1\nhello\n$"
  ARGS abi decode "f(uint256,string)" 0x${_hello_enc})
suture_cli_test(abi_encode_calldata EXPECT "^0x1ba84e08${_hello_enc}\n$"
  ARGS abi encode --calldata "f(uint256,string)" 1 hello)
suture_cli_test(abi_decode_calldata EXPECT "^1\nhello\n$"
  ARGS abi decode --calldata "f(uint256,string)" 0x1ba84e08${_hello_enc})
suture_cli_test(abi_decode_json EXPECT "^\\[{\"name\":\"\",\"type\":\"uint256\",\"value\":\"1\"},{\"name\":\"\",\"type\":\"string\",\"value\":\"hello\"}\\]\n$"
  ARGS --json abi decode "f(uint256,string)" 0x${_hello_enc})
suture_cli_test(abi_encode_nested_negative
  EXPECT "^0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd${_z62}40${_z63}2${_z63}1${_z63}2\n$"
  ARGS abi encode "f(int8,uint256[])" -3 "[1, 2]")
suture_cli_test(abi_selector EXPECT "^0xa9059cbb\n$" ARGS abi selector "transfer(address,uint256)")
suture_cli_test(abi_selector_event EXPECT "^0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef\n$"
  ARGS abi selector --event "event Transfer(address indexed from, address indexed to, uint256 value)")
suture_cli_test(abi_revert_panic EXPECT "^Panic\\(0x11\\): arithmetic overflow"
  ARGS abi revert 0x4e487b710000000000000000000000000000000000000000000000000000000000000011)
suture_cli_test(keccak_text EXPECT "^0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45\n$"
  ARGS keccak abc)
suture_cli_test(keccak_hex_empty EXPECT "^0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470\n$"
  ARGS keccak 0x)
suture_cli_test(rlp_decode EXPECT "^\\[\n  0x646f67\n  \\[\\]\n  0x\n\\]\n$" ARGS rlp decode 0xc683646f67c080)
suture_cli_test(rlp_encode EXPECT "^0xc683646f67c080\n$" ARGS rlp encode "[\"0x646f67\", [], \"0x\"]")

# Malformed input: exit 2 with one line.
suture_cli_rejects(abi_encode_out_of_range ARGS abi encode "f(uint8)" 256)
suture_cli_rejects(abi_encode_arg_count ARGS abi encode "f(uint256,string)" 1)
suture_cli_rejects(abi_encode_bad_signature ARGS abi encode "f(uint7)" 1)
suture_cli_rejects(abi_decode_short ARGS abi decode "f(uint256,string)" 0x0001)
suture_cli_rejects(abi_decode_bad_offset ARGS abi decode "f(string)"
  0x0000000000000000000000000000000000000000000000000000000000001000)
suture_cli_rejects(abi_decode_bad_hex ARGS abi decode "f(uint256)" 0x12zz)
suture_cli_rejects(abi_decode_wrong_selector ARGS abi decode --calldata "g(uint256,string)" 0x1ba84e08${_hello_enc})
suture_cli_rejects(abi_selector_bad ARGS abi selector "transfer(address")
suture_cli_rejects(keccak_bad_hex ARGS keccak 0x123)
suture_cli_rejects(rlp_decode_noncanonical ARGS rlp decode 0x8100)
suture_cli_rejects(rlp_decode_trailing ARGS rlp decode 0x0101)
suture_cli_rejects(rlp_encode_bad_json ARGS rlp encode "[1, 2]")
