# Building enclaves with CMake, as a vsgx user does:
#
#   vsgx_add_enclave(NAME SOURCES src... EDL file.edl [CONFIG Enclave.config.xml] KEY key.pem
#                    [SEARCH_PATHS dir...] [FLAGS cflag...] [VERSION_SCRIPT Enclave.lds]
#                    [EXCLUDE_FROM_ALL])
#     generates the trusted half of the EDL (sgx_edger8r --trusted), compiles the sources and it
#     as enclave code, links them with the trusted runtime, the trusted services (sealing and
#     reports: sgx_tseal.h, sgx_utils.h), sgx_tcrypto (<sgx_tcrypto.h>), BearSSL (<bearssl.h>)
#     and the C library (freestanding, static PIE,
#     no undefined symbol: a call to a host function fails to link, naming it), and signs the
#     result with sgx_sign: ${CMAKE_CURRENT_BINARY_DIR}/NAME.signed.so (target NAME).
#     VERSION_SCRIPT: a linker version script (as Intel's samples' Enclave.lds) keeping only
#     the symbols the loader needs in the dynamic symbol table; editing it relinks.
#   vsgx_edl(NAME EDL file.edl [SEARCH_PATHS dir...])
#     generates the untrusted half (sgx_edger8r --untrusted) as a static library NAME for the
#     host application, with the generated header's directory on its include path.
#
# Inside the vsgx tree the tools and libraries are the build's own targets; an installed SDK
# sets VSGX_SGX_EDGER8R, VSGX_SGX_SIGN and VSGX_ENCLAVE_LIB_DIR (see vsgxConfig.cmake).
include_guard(GLOBAL)

# The tools and libraries: the build's own targets inside the vsgx tree (set in the calling
# function's scope; include_guard makes directory-level variables unreliable).
macro(_vsgx_tools)
    if(TARGET sgx_edger8r)
        set(VSGX_SGX_EDGER8R $<TARGET_FILE:sgx_edger8r>)
        set(VSGX_SGX_SIGN $<TARGET_FILE:sgx_sign>)
        set(VSGX_ENCLAVE_LIB_DIR ${CMAKE_BINARY_DIR}/lib)
        set(VSGX_EDL_INCLUDE ${CMAKE_SOURCE_DIR}/include)
    endif()
endmacro()

function(vsgx_add_enclave name)
    _vsgx_tools()
    cmake_parse_arguments(ARG "EXCLUDE_FROM_ALL" "EDL;CONFIG;KEY;VERSION_SCRIPT" "SOURCES;SEARCH_PATHS;FLAGS" ${ARGN})
    if(NOT ARG_EDL OR NOT ARG_KEY OR NOT ARG_SOURCES)
        message(FATAL_ERROR "vsgx_add_enclave(${name}): SOURCES, EDL and KEY are required")
    endif()
    get_filename_component(edl ${ARG_EDL} ABSOLUTE)
    get_filename_component(edl_name ${edl} NAME_WE)
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.dir)
    file(MAKE_DIRECTORY ${dir})
    set(search)
    foreach(p ${ARG_SEARCH_PATHS} ${VSGX_EDL_INCLUDE})
        list(APPEND search --search-path ${p})
    endforeach()
    add_custom_command(OUTPUT ${dir}/${edl_name}_t.c ${dir}/${edl_name}_t.h
        COMMAND ${VSGX_SGX_EDGER8R} --trusted ${edl} ${search} --trusted-dir ${dir}
        DEPENDS ${edl} COMMENT "sgx_edger8r --trusted ${edl_name}.edl" VERBATIM)
    set(objs)
    foreach(src ${ARG_SOURCES} ${dir}/${edl_name}_t.c)
        get_filename_component(abs ${src} ABSOLUTE)
        get_filename_component(base ${src} NAME)
        set(obj ${dir}/${base}.o)
        add_custom_command(OUTPUT ${obj}
            COMMAND ${CMAKE_C_COMPILER} ${VSGX_ENCLAVE_CFLAGS} -I${dir} ${ARG_FLAGS} -MD -MF ${obj}.d -c ${abs} -o ${obj}
            DEPENDS ${abs} ${dir}/${edl_name}_t.h DEPFILE ${obj}.d
            COMMENT "enclave ${name}: ${base}" VERBATIM)
        list(APPEND objs ${obj})
    endforeach()
    set(unsigned ${dir}/${name}.so)
    set(libs ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_trts.a ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_tservice.a
             ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_tcrypto.a ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_tlibc.a)
    set(version_script)
    if(ARG_VERSION_SCRIPT)
        get_filename_component(lds ${ARG_VERSION_SCRIPT} ABSOLUTE)
        set(version_script -Wl,--version-script=${lds})
        list(APPEND libs ${lds})
    endif()
    add_custom_command(OUTPUT ${unsigned}
        COMMAND ${CMAKE_C_COMPILER} ${objs} -Wl,--whole-archive ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_trts.a
                -Wl,--no-whole-archive -Wl,--start-group ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_tservice.a
                ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_tcrypto.a
                ${VSGX_BEARSSL_LIBRARY} ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_tlibc.a
                ${VSGX_ENCLAVE_LIB_DIR}/libvsgx_trts.a -Wl,--end-group
                ${VSGX_ENCLAVE_LDFLAGS} ${version_script} -o ${unsigned}
        DEPENDS ${objs} ${libs} COMMENT "enclave ${name}: link" VERBATIM)
    set(signed ${CMAKE_CURRENT_BINARY_DIR}/${name}.signed.so)
    set(config)
    if(ARG_CONFIG)
        get_filename_component(cfg ${ARG_CONFIG} ABSOLUTE)
        set(config -config ${cfg})
    endif()
    get_filename_component(key ${ARG_KEY} ABSOLUTE)
    add_custom_command(OUTPUT ${signed}
        COMMAND ${VSGX_SGX_SIGN} sign -enclave ${unsigned} -key ${key} ${config} -out ${signed}
        DEPENDS ${unsigned} ${key} ${cfg} COMMENT "enclave ${name}: sgx_sign" VERBATIM)
    if(ARG_EXCLUDE_FROM_ALL)
        add_custom_target(${name} DEPENDS ${signed})
    else()
        add_custom_target(${name} ALL DEPENDS ${signed})
    endif()
    if(TARGET vsgx_trts)
        add_dependencies(${name} vsgx_trts vsgx_tservice vsgx_tcrypto vsgx_tlibc sgx_edger8r sgx_sign)
    endif()
endfunction()

function(vsgx_edl name)
    _vsgx_tools()
    cmake_parse_arguments(ARG "" "EDL" "SEARCH_PATHS" ${ARGN})
    get_filename_component(edl ${ARG_EDL} ABSOLUTE)
    get_filename_component(edl_name ${edl} NAME_WE)
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.dir)
    file(MAKE_DIRECTORY ${dir})
    set(search)
    foreach(p ${ARG_SEARCH_PATHS} ${VSGX_EDL_INCLUDE})
        list(APPEND search --search-path ${p})
    endforeach()
    add_custom_command(OUTPUT ${dir}/${edl_name}_u.c ${dir}/${edl_name}_u.h
        COMMAND ${VSGX_SGX_EDGER8R} --untrusted ${edl} ${search} --untrusted-dir ${dir}
        DEPENDS ${edl} COMMENT "sgx_edger8r --untrusted ${edl_name}.edl" VERBATIM)
    add_library(${name} STATIC ${dir}/${edl_name}_u.c)
    target_include_directories(${name} PUBLIC ${dir} ${VSGX_EDL_INCLUDE})
    if(TARGET sgx_edger8r)
        add_dependencies(${name} sgx_edger8r)
    endif()
endfunction()
