"""Messages of the roster import and validation (storage) and the roster CLI."""

MESSAGES: dict[str, tuple[str, str]] = {
    "roster.file_missing": ("找不到名册文件：{path}", "Roster file not found: {path}"),
    "roster.bad_yaml": (
        "名册文件不是有效的 YAML（第 {line} 行，第 {column} 列）：{problem}",
        "The roster is not valid YAML (line {line}, column {column}): {problem}",
    ),
    "roster.not_mapping": (
        "名册文件的顶层必须是键值结构（district、communities、routing …）",
        "The roster's top level must be a mapping (district, communities, routing …)",
    ),
    "roster.error_at": ("第 {line} 行，{field}：{problem}", "line {line}, {field}: {problem}"),
    "roster.error_nowhere": ("{field}：{problem}", "{field}: {problem}"),
    "roster.invalid_header": (
        "名册有 {count} 处错误，未导入任何内容：",
        "The roster has {count} error(s); nothing was imported:",
    ),
    "roster.duplicate_id": ("编号 {id} 重复（{kind}）", "duplicate id {id} ({kind})"),
    "roster.unknown_ref": ("引用了不存在的{kind}：{id}", "refers to an unknown {kind}: {id}"),
    "roster.wrong_role": (
        "{id} 的角色是 {role}，此处需要 {expected}",
        "{id} has role {role}; {expected} is needed here",
    ),
    "roster.polygon_short": ("多边形至少需要 3 个点", "a polygon needs at least 3 points"),
    "roster.in_use": (
        "{kind} {id} 已从名册中删除，但仍有居民或案件关联，不能删除；请保留该条目",
        "{kind} {id} was removed from the roster but residents or cases refer to it; keep it",
    ),
    "roster.imported": (
        "名册已导入：新增 {added}，更新 {updated}，删除 {removed}，停用人员 {deactivated}，未变 {unchanged}",
        "Roster imported: {added} added, {updated} updated, {removed} removed, "
        "{deactivated} staff deactivated, {unchanged} unchanged",
    ),
    "roster.unchanged": ("名册没有变化（{unchanged} 条记录）", "The roster is unchanged ({unchanged} records)"),
    "roster.empty_db": (
        "数据库里还没有名册。请先运行：linli roster import examples/tianya.yaml",
        "No roster in the database yet. Run: linli roster import examples/tianya.yaml",
    ),
    "roster.kind.community": ("社区", "community"),
    "roster.kind.grid": ("网格", "grid"),
    "roster.kind.micro_grid": ("微网格", "micro-grid"),
    "roster.kind.station": ("工作站", "station"),
    "roster.kind.staff": ("工作人员", "staff member"),
    "roster.kind.room": ("调解室", "mediation room"),
    "roster.kind.department": ("职能部门", "department"),
    "roster.kind.rule": ("分派规则", "routing rule"),
}
