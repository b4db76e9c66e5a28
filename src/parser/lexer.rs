//! TODO: lexer
