"""The web chat: the page's own words and the API's answers to requests it refuses."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the page
    "web.title": ("邻里 · 矛盾纠纷反映", "Linli · report a dispute"),
    "web.placeholder": ("请输入…", "Type here…"),
    "web.send": ("发送", "Send"),
    "web.location": ("发送位置", "Share location"),
    "web.photo": ("照片", "Photo"),
    "web.phone": ("填写手机号", "Enter phone number"),
    "web.phone_prompt": ("请输入您的手机号：", "Your phone number:"),
    "web.connecting": ("正在连接…", "Connecting…"),
    "web.offline": ("网络断开，正在重连…", "Offline, reconnecting…"),
    "web.locating": ("正在获取位置…", "Finding your location…"),
    "web.no_location": ("无法获取位置，请直接选择楼栋或输入地址。", "Could not get your location; please choose your building or type it."),
    "web.sent_location": ("【我的位置】", "[My location]"),
    "web.sent_photo": ("【照片】", "[Photo]"),
    "web.document": ("下载文件：{name}", "Download: {name}"),
    "web.noscript": ("请开启 JavaScript 后使用。", "Please enable JavaScript to use this chat."),
    # refusals (HTTP 4xx bodies, shown by the page)
    "web.err.bad_json": ("请求格式不正确。", "The request is not valid JSON."),
    "web.err.bad_field": ("请求缺少或包含无效的字段：{field}。", "Missing or invalid field: {field}."),
    "web.err.empty": ("消息是空的。", "The message is empty."),
    "web.err.too_long": ("消息太长了，请不超过 {limit} 字。", "The message is too long: at most {limit} characters."),
    "web.err.no_session": ("会话已过期，请刷新页面。", "Your session has expired; please reload the page."),
    "web.err.origin": ("请求来源不被允许。", "Requests from this origin are not allowed."),
    "web.err.content_type": ("请求类型不正确（需要 {expected}）。", "Wrong content type (expected {expected})."),
    "web.err.rate_session": ("您发送得太快了，请 {seconds} 秒后再试。", "You are sending too fast; please try again in {seconds} s."),
    "web.err.rate_ip": ("此网络的请求太多，请 {seconds} 秒后再试。", "Too many requests from this network; please try again in {seconds} s."),
    "web.err.sockets": ("打开的聊天窗口太多，请关闭一些后再试。", "Too many chat windows open; please close some and retry."),
    "web.err.photo_type": ("只能上传 JPEG、PNG 或 WebP 格式的照片。", "Only JPEG, PNG or WebP photos can be uploaded."),
    "web.err.photo_size": ("照片太大了，最大 {mb} MB。", "The photo is too large: at most {mb} MB."),
    "web.err.too_large": ("请求太大了。", "The request is too large."),
    "web.err.stale_button": ("这个按钮已失效。", "This button is no longer valid."),
    "web.err.not_found": ("没有找到。", "Not found."),
    "web.err.bad_location": ("位置坐标无效。", "The location is not valid."),
    "web.err.bad_phone": ("手机号格式不正确。", "That phone number is not valid."),
    # posters
    "web.poster.headline": ("扫码反映矛盾纠纷", "Scan to report a dispute"),
    "web.poster.sub": ("无需下载，用微信或手机相机扫码即可", "No app needed: scan with WeChat or your phone's camera"),
    "web.poster.hotline": ("平安工作站电话：{phone}", "Safety station hotline: {phone}"),
    "web.poster.written": ("已生成：{png}、{pdf}", "Written: {png}, {pdf}"),
    "web.poster.unknown_community": ("没有这个社区：{id}。可用：{known}", "No community {id}. Known: {known}"),
    "web.poster.need_community": ("请用 --community ID 指定社区，或用 --all。", "Give --community ID, or --all."),
    # the server
    "web.listening": ("网页聊天已启动：http://{listen}/", "Web chat listening on http://{listen}/"),
    "web.bad_listen": ("监听地址无效：{value}（应为 HOST:PORT）", "Invalid listen address {value} (expected HOST:PORT)"),
}
